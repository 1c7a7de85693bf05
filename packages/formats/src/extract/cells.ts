/**
 * What a cell contains, judged from its text alone: a number, a score, a value, a placeholder,
 * a taxonomy label, a name. The extractor assigns cells by these judgements (and by the layout),
 * because published tables move cells out of their columns.
 */
import { compactText, dec, foldText, isHanCode, isTaxonomyLabel, normalizeLabel } from '@jixiao/core';
import { memo } from './memo.ts';

export { compactText };

/** Cells that stand for "nothing here": '', '-', '—', '/', '／', '……', '无'. */
function isEmptyMarkUncached(text: string): boolean {
  const t = foldText(text);
  if (t.length === 0) return true;
  return /^([-/\\~_·.。、…]+|无|空|暂无|N\/A)$/i.test(t);
}
const isEmptyMarkCached = memo(isEmptyMarkUncached);
export function isEmptyMark(text: string): boolean {
  // foldText keeps an ideograph (isHanCode) and printable ASCII as they are: a text starting with one that
  // no empty mark starts with (an ideograph other than 无 / 空 / 暂; a digit, a letter other than
  // N) is none
  const c = text.charCodeAt(0);
  if (isHanCode(c) && c !== 0x65e0 && c !== 0x7a7a && c !== 0x6682) return false;
  if (c > 0x20 && c < 0x7f && !EMPTY_MARK_ASCII.includes(text.charAt(0))) return false;
  return isEmptyMarkCached(text);
}

// the printable ASCII characters an empty mark may start with (the pattern is case-insensitive)
const EMPTY_MARK_ASCII = '-/\\~_.Nn';

/** A plain number as a score or weight is written: '8', '8.0', '95', '-2' (no unit, no %). */
function plainNumberUncached(text: string): number | null {
  return plainNumberOfFolded(foldText(text).replace(/,/g, ''));
}

/** plainNumber of a text already folded, its commas removed. */
function plainNumberOfFolded(t: string): number | null {
  if (!/^[-+]?\d+(\.\d+)?$/.test(t)) return null;
  const n = Number(t);
  return Number.isFinite(n) ? n : null;
}

const plainNumberCached = memo(plainNumberUncached);
export function plainNumber(text: string): number | null {
  if (!mayBePlainNumber(text)) return null;
  // a text folding leaves alone costs less to read than to look up
  return isFoldedText(text) ? plainNumberOfFolded(text) : plainNumberCached(text);
}

/**
 * Whether foldText leaves the text as it is and it holds no comma: every code unit printable
 * ASCII other than ',', '≥', '≤' or an ideograph (none of which foldText changes or drops).
 */
function isFoldedText(text: string): boolean {
  for (let i = 0; i < text.length; i++) {
    const c = text.charCodeAt(i);
    if (c > 0x20 && c < 0x7f) {
      if (c === 0x2c) return false;
    } else if (!(isHanCode(c) || c === 0x2265 || c === 0x2264)) return false;
  }
  return true;
}

/**
 * False for a text holding an ideograph or a printable ASCII character that is no digit, sign,
 * point or comma: foldText keeps both as they are, and the number pattern refuses them.
 */
function mayBePlainNumber(text: string): boolean {
  for (let i = 0; i < text.length; i++) {
    const c = text.charCodeAt(i);
    if (c > 0x20 && c < 0x7f) {
      if (!((c >= 0x30 && c <= 0x39) || c === 0x2e || c === 0x2c || c === 0x2d || c === 0x2b)) return false;
    } else if (isHanCode(c)) return false;
  }
  return true;
}

/** A cell that can be a score or a weight: a plain number from 0 to 100. */
export function isScoreLike(text: string): boolean {
  const n = plainNumber(text);
  return n !== null && n >= 0 && n <= 100;
}

const OP_START = /^[≥≤><=＞＜≧≦]/;

/**
 * A cell whose text starts as a value does: an operator, a digit or a sign before a digit
 * ('≥90%', '15', '150万', '0.1', '-'), not a name that merely holds a number.
 */
function isValueLikeUncached(text: string): boolean {
  return valueLikeFolded(foldText(text).replace(/,/g, ''));
}

/** isValueLike of a text already folded, its commas removed. */
function valueLikeFolded(t: string): boolean {
  if (t.length === 0) return false;
  if (OP_START.test(t)) return true;
  return /^[-+]?\d+(\.\d+)?[^\d]{0,4}$/.test(t);
}
const isValueLikeCached = memo(isValueLikeUncached);
export function isValueLike(text: string): boolean {
  // an ideograph or an ASCII letter first stays first after folding: neither operator nor digit
  const c = text.charCodeAt(0);
  if (isHanCode(c) || ((c | 0x20) >= 0x61 && (c | 0x20) <= 0x7a)) return false;
  return isFoldedText(text) ? valueLikeFolded(text) : isValueLikeCached(text);
}

/** Operator cells of Sichuan's 指标性质 column. */
export function isOperatorCell(text: string): boolean {
  return /^(=|==|≥|≤|>|<|>=|<=|＞|＜|＝|≧|≦|≠)$/.test(foldText(text));
}

/** Chongqing's 指标性质: 定量 / 定性. */
export function isNatureCell(text: string): boolean {
  return /^(定量|定性)(指标)?$/.test(compactText(text));
}

/** A points marker on its own: '(50分)', '（30分）' — a 一级 whose label was lost. */
function pointsMarkerUncached(text: string): number | null {
  const { label, points } = normalizeLabel(text);
  return label === '' ? points : null;
}
const pointsMarkerMemo = memo(pointsMarkerUncached);

/**
 * Points end in '分', and no other character becomes one when a text is compacted (NFKC): a text
 * without it is refused before the cache is asked.
 */
export function pointsMarker(text: string): number | null {
  return text.includes('分') ? pointsMarkerMemo(text) : null;
}

export type LabelLevel = 'level1' | 'level2';

/**
 * The taxonomy level of a label cell ('产 出 指 标 (50分)' → level1), null for anything else. Not
 * memoised: isTaxonomyLabel refuses most texts by their first character, cheaper than a lookup of
 * a new string in a large cache, and joinWrappedCells asks about many glued keys only once.
 */
export function labelLevel(text: string): LabelLevel | null {
  if (text.length === 0 || text.length > 40) return null;
  return isTaxonomyLabel(text);
}

/** A template prefix on an indicator name: '指标1:', '指标2：', '指标1' glued to the name. */
const TEMPLATE_PREFIX = /^指标\s*\d+\s*[:：.、]?\s*/;

export function stripTemplatePrefix(name: string): string {
  return name.replace(TEMPLATE_PREFIX, '');
}

/** Rows the template leaves for more indicators: '指标2:', '……', '/', '指标1:/ / /'. */
export function isPlaceholderName(name: string): boolean {
  const rest = compactText(stripTemplatePrefix(name));
  return rest.length === 0 || isEmptyMark(rest) || /^[/／\\\-—…．.·]+$/.test(rest);
}

/** '其中桃树种植面积', '其中:财政拨款': a breakdown of the row above, not an indicator of its own. */
export function isBreakdownLabel(text: string): boolean {
  return /^其中/.test(compactText(text));
}

/** Cell text for names and narrative: line breaks that only wrapped the text are removed. */
export function joinLines(text: string): string {
  if (!text.includes('\n')) return text;
  return text.replace(/\s*\n\s*/g, (_m, offset: number, whole: string) => {
    const before = whole.charAt(offset - 1);
    const after = whole.charAt(offset + _m.length);
    return /[\u4e00-\u9fff，。、；：（）]/.test(before) || /[\u4e00-\u9fff，。、；：（）]/.test(after)
      ? ''
      : ' ';
  });
}

export interface MoneyReading {
  value: number | null;
  /** the unit written in the cell, if any ('万', '万元', '元') */
  unit: string | null;
  ok: boolean;
}

/** A money cell: '390.76', '150万', '1,234.50', '125.25万元'; '-', '/' and '' are null. */
export function parseMoney(text: string): MoneyReading {
  if (isEmptyMark(text)) return { value: null, unit: null, ok: true };
  const t = foldText(text).replace(/,/g, '');
  const m = /^([-+]?\d+(?:\.\d+)?)(万元|万|元|千元|亿元|亿)?$/.exec(t);
  // Hundreds of digits (a damaged cell) are no amount: Infinity is not a number the model takes.
  if (!m?.[1] || !Number.isFinite(Number(m[1]))) return { value: null, unit: null, ok: false };
  return { value: Number(m[1]), unit: m[2] ?? null, ok: true };
}

export interface RateReading {
  value: number | null;
  ok: boolean;
  /** the cell gave a number above 1.5 without '%': read as a percentage */
  assumedPercent: boolean;
}

/** An execution rate as printed, as a fraction: '100%' → 1, '83.5%' → 0.835, '0.1' → 0.1. */
export function parseRate(text: string): RateReading {
  if (isEmptyMark(text)) return { value: null, ok: true, assumedPercent: false };
  const t = foldText(text).replace(/,/g, '');
  const digits = /[-+]?\d+(?:\.\d+)?/.exec(t)?.[0];
  if (digits !== undefined && !Number.isFinite(Number(digits)))
    return { value: null, ok: false, assumedPercent: false };
  const pct = /^([-+]?\d+(?:\.\d+)?)%$/.exec(t);
  if (pct?.[1]) return { value: dec(pct[1]).div(100).toNumber(), ok: true, assumedPercent: false };
  const n = /^([-+]?\d+(?:\.\d+)?)$/.exec(t);
  if (n?.[1]) {
    const v = Number(n[1]);
    if (v > 1.5) return { value: dec(n[1]).div(100).toNumber(), ok: true, assumedPercent: true };
    return { value: v, ok: true, assumedPercent: false };
  }
  return { value: null, ok: false, assumedPercent: false };
}

export interface ScoreReading {
  value: number | null;
  ok: boolean;
}

/** A score or weight cell: a plain number; '-', '/' and '' are null. */
export function parseScore(text: string): ScoreReading {
  if (isEmptyMark(text)) return { value: null, ok: true };
  const n = plainNumber(text);
  if (n !== null) return { value: n, ok: true };
  const t = foldText(text);
  const m = /^([-+]?\d+(?:\.\d+)?)分$/.exec(t);
  if (m?.[1] && Number.isFinite(Number(m[1]))) return { value: Number(m[1]), ok: true };
  return { value: null, ok: false };
}

/** A date as forms write it: 2024.6.10, 2024-06-10, 2024/6/10, 2022年7月5日 → 'YYYY-MM-DD'. */
export function parseDate(text: string): string | null {
  const t = foldText(text);
  const m = /((?:19|20)\d{2})\s*[年.\-/]\s*(\d{1,2})\s*[月.\-/]\s*(\d{1,2})/.exec(t);
  if (!m?.[1] || !m[2] || !m[3]) return null;
  const month = Number(m[2]);
  const day = Number(m[3]);
  if (month < 1 || month > 12 || day < 1 || day > 31) return null;
  return `${m[1]}-${String(month).padStart(2, '0')}-${String(day).padStart(2, '0')}`;
}
