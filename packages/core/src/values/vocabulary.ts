/**
 * The words the value parser recognises, as data. All spellings are in folded form
 * (see text.ts): half-width digits and operators, "-" for every dash, no spaces.
 */
import type { ValueOp } from '../model/evaluation.ts';
import { indexWords } from './text.ts';

/** "≠ N" has no place in VALUE_OPS; a value written so is not a usable quantity. */
export type PrefixOp = ValueOp | 'not-equal';

/** Comparison written before the number: symbols and the words forms use for them. */
const PREFIX_OPS: ReadonlyArray<readonly [string, PrefixOp]> = [
  ['≠', 'not-equal'],
  ['!=', 'not-equal'],
  ['<>', 'not-equal'],
  ['不等于', 'not-equal'],
  ['>=', '>='],
  ['=>', '>='],
  ['≥', '>='],
  ['≮', '>='],
  ['<=', '<='],
  ['=<', '<='],
  ['≤', '<='],
  ['≯', '<='],
  ['>', '>'],
  ['<', '<'],
  ['==', '='],
  ['=', '='],
  ['大于等于', '>='],
  ['大于或等于', '>='],
  ['高于等于', '>='],
  ['高于或等于', '>='],
  ['不低于', '>='],
  ['不少于', '>='],
  ['不小于', '>='],
  ['不得低于', '>='],
  ['不得少于', '>='],
  ['不应低于', '>='],
  ['不应少于', '>='],
  ['至少', '>='],
  ['最少', '>='],
  ['最低', '>='],
  ['大于', '>'],
  ['高于', '>'],
  ['多于', '>'],
  ['超过', '>'],
  ['超出', '>'],
  ['小于等于', '<='],
  ['小于或等于', '<='],
  ['低于等于', '<='],
  ['低于或等于', '<='],
  // 超过 excludes the bound and 不超过 includes it (《民法典》第1259条).
  ['不超过', '<='],
  ['不高于', '<='],
  ['不大于', '<='],
  ['不多于', '<='],
  ['不得超过', '<='],
  ['不得高于', '<='],
  ['不得大于', '<='],
  ['不应超过', '<='],
  ['不应高于', '<='],
  ['至多', '<='],
  ['最多', '<='],
  ['最高', '<='],
  ['小于', '<'],
  ['低于', '<'],
  ['少于', '<'],
  ['不足', '<'],
  ['等于', '='],
];
export const PREFIX_OP_INDEX = indexWords(PREFIX_OPS);

/**
 * Comparison written after the number and unit. In Chinese administrative usage 以上 and
 * 以下 include the bound (《民法典》第1259条: "以上、以下、以内、届满，包括本数").
 * "内" alone only counts after a time unit ("2天内"), where it cannot begin another word.
 */
const SUFFIX_OPS: ReadonlyArray<readonly [string, ValueOp]> = [
  ['及以上', '>='],
  ['或以上', '>='],
  ['以上', '>='],
  ['之上', '>='],
  ['及以下', '<='],
  ['或以下', '<='],
  ['以下', '<='],
  ['及以内', '<='],
  ['以内', '<='],
  ['之内', '<='],
];
export const SUFFIX_OP_INDEX = indexWords(SUFFIX_OPS);

/** Approximation markers: they do not change the operator, they are just skipped. */
export const APPROX_AFTER_NUMBER = new Set(['余', '多']);
export const APPROX_AFTER_UNIT = ['左右', '上下', '(含)'];

/** Magnitude prefixes and their power of ten. */
export const MAGNITUDES: ReadonlyArray<readonly [string, number]> = [
  ['万亿', 12],
  ['千亿', 11],
  ['百亿', 10],
  ['十亿', 9],
  ['亿', 8],
  ['千万', 7],
  ['百万', 6],
  ['十万', 5],
  ['万', 4],
  ['千', 3],
];
export const MAGNITUDE_INDEX = indexWords(MAGNITUDES);

/** Units met on forms. Single measure words not listed here are still accepted (see fallback). */
const BASE_UNITS: readonly string[] = [
  '%',
  '‰',
  '个百分点',
  '百分点',
  '元',
  '美元',
  '人次',
  '户次',
  '件次',
  '场次',
  '批次',
  '车次',
  '架次',
  '台次',
  '班次',
  '人天',
  '人日',
  '课时',
  '学时',
  '小时',
  '分钟',
  '秒',
  '个工作日',
  '工作日',
  '个月',
  '个季度',
  '季度',
  '天',
  '日',
  '周',
  '月',
  '年',
  '人',
  '次',
  '个',
  '项',
  '场',
  '家',
  '户',
  '名',
  '所',
  '座',
  '处',
  '台',
  '套',
  '件',
  '份',
  '篇',
  '本',
  '册',
  '期',
  '批',
  '班',
  '节',
  '门',
  '类',
  '种',
  '亩',
  '公顷',
  '平方米',
  '平方公里',
  '平方千米',
  '立方米',
  '米',
  '公里',
  '千米',
  '千克',
  '公斤',
  '吨',
  '斤',
  '克',
  '毫克',
  '微克',
  '升',
  '毫升',
  '毫米',
  '厘米',
  '瓦',
  '千瓦',
  '千瓦时',
  '兆瓦',
  '只',
  '头',
  '株',
  '棵',
  '尾',
  '羽',
  '条',
  '张',
  '辆',
  '艘',
  '架',
  '间',
  '栋',
  '幢',
  '床',
  '分',
  '起',
  '例',
  '宗',
  '轮',
  '组',
  '支',
  '盏',
  '块',
  '根',
  '笔',
  '单',
  '度',
  '㎡',
  '㎞',
  '㎏',
];
export const BASE_UNIT_INDEX = indexWords(BASE_UNITS.map((u) => [u, u] as const));

/** Units of duration: "N<unit>内" means "within N". */
export const TIME_UNITS = new Set([
  '秒',
  '分钟',
  '小时',
  '天',
  '日',
  '工作日',
  '个工作日',
  '周',
  '月',
  '个月',
  '季度',
  '个季度',
  '年',
]);

/**
 * Characters that never act as a measure word right after a number: they start the
 * grammar around it (以上, 及, 之内, 的 …) rather than naming what was counted.
 */
export const NOT_A_UNIT = new Set(
  Array.from(
    '以及之内前后左右上下至到或和与并的等余多且为是已未完达每共累计约近超不高低大小即就均各同比较增减降提占其中含在从由被将对向了着过也都还又再而但则每月年日号第个万亿千百十',
  ),
);

/**
 * Words that make a text without a number a time limit. 按时完成 is deliberately absent:
 * the brief lists it as qualitative vocabulary (an outcome, "done on time"), while 按期 /
 * 如期 / 及时 set the limit.
 */
export const DEADLINE_WORDS: readonly string[] = [
  '按期',
  '如期',
  '及时',
  '限期',
  '期限',
  '时限',
  '截止',
  '截至',
  '年底',
  '年末',
  '年终',
  '年内',
  '月底',
  '月末',
  '上半年',
  '下半年',
  '季度末',
  '季末',
  '前完成',
  '之前',
  '以前',
  '底前',
  '末前',
  '规定时间',
  '规定时限',
  '规定期限',
  '当年完成',
];

/** Deadline words that name a month without a digit. */
export const PERIOD_MONTH: ReadonlyArray<readonly [string, number]> = [
  ['上半年', 6],
  ['下半年', 12],
  ['年底', 12],
  ['年末', 12],
  ['年终', 12],
];

/** Cells that are present but say nothing: placeholders and "none". */
export const EMPTY_CHARS = new Set(['-', '/', '\\', '…', '~', '_', '.', '。', '、', '·']);
export const EMPTY_WORDS = new Set([
  '无',
  '暂无',
  '空',
  '空白',
  '略',
  'N/A',
  'n/a',
  'NA',
  'na',
  'null',
  'NULL',
]);
