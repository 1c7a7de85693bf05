import { describe, expect, it } from 'vitest';
import {
  belongsTo,
  childrenOf,
  classifyLevel1,
  classifyLevel2,
  compactSlow,
  compactText,
  inferLevel1,
  isPlainCode,
  isTaxonomyLabel,
  labelReadings,
  normalizeLabel,
  parentOf,
} from './classify.ts';
import { LEVEL1_LABELS, LEVEL2_LABELS, TAXONOMY } from './data.ts';

describe('normalizeLabel', () => {
  it.each([
    ['产出指标', '产出指标', null],
    ['产出指标(50分)', '产出指标', 50],
    ['产出指标（50分）', '产出指标', 50],
    ['产 出 指 标 (50分)', '产出指标', 50],
    ['满意度指标\n(10分)', '满意度指标', 10],
    ['效益指标30分', '效益指标', 30],
    ['效益指标（权重30分）', '效益指标', 30],
    ['成本指标(12.5分)', '成本指标', 12.5],
    ['满意度指标（１０分）', '满意度指标', 10],
    ['(50分)', '', 50],
    ['数量指标:', '数量指标', null],
    ['数量指标：', '数量指标', null],
    ['产出指标：（50分）', '产出指标', 50],
    ['\u3000经济效益\u3000指标\u3000', '经济效益指标', null],
    ['可持续影\n响指标', '可持续影响指标', null],
    ['社会效益\r\n指标', '社会效益指标', null],
    ['服务\u200b对象满意度指标', '服务对象满意度指标', null],
    ['\u2f00级指标', '一级指标', null], // Kangxi radical ⼀ from PDF text
    ['', '', null],
    ['   ', '', null],
  ])('%j → %j, points %j', (raw, label, points) => {
    expect(normalizeLabel(raw)).toEqual({ label, points });
  });

  it('leaves a score formula and a unit in parentheses alone', () => {
    expect(normalizeLabel('得分(20分*执行率)')).toEqual({ label: '得分(20分*执行率)', points: null });
    expect(normalizeLabel('满意度(%)')).toEqual({ label: '满意度(%)', points: null });
  });

  it('never throws on a value that is not a string', () => {
    expect(normalizeLabel(null as unknown as string)).toEqual({ label: '', points: null });
  });
});

describe('standard labels', () => {
  it.each(LEVEL1_LABELS)('一级 %s reads as itself', (label) => {
    expect(classifyLevel1(label)).toEqual({ standard: label, raw: label, points: null, synonym: false });
  });

  it.each(LEVEL2_LABELS)('二级 %s reads as itself, whatever the 一级', (label) => {
    expect(classifyLevel2(label)).toEqual({ standard: label, raw: label, points: null, synonym: false });
    for (const l1 of LEVEL1_LABELS) expect(classifyLevel2(label, l1)?.standard).toBe(label);
  });

  it('a 一级 label in a 二级 cell is not a 二级, and the reverse', () => {
    expect(classifyLevel2('产出指标')?.standard).toBe('non-standard');
    expect(classifyLevel2('效益指标')?.standard).toBe('non-standard');
    expect(classifyLevel1('数量指标')?.standard).toBe('non-standard');
    expect(classifyLevel1('服务对象满意度指标')?.standard).toBe('non-standard');
  });

  it('成本指标 is a 一级 (from 2021) and a 二级 under 产出指标 (before)', () => {
    expect(classifyLevel1('成本指标')?.standard).toBe('成本指标');
    expect(classifyLevel2('成本指标')?.standard).toBe('成本指标');
  });

  it('every 二级 in the data has a standard 一级 parent, and every 一级 has children', () => {
    expect(TAXONOMY.level2.map((e) => e.label).sort()).toEqual([...LEVEL2_LABELS].sort());
    expect(TAXONOMY.level1.map((e) => e.label).sort()).toEqual([...LEVEL1_LABELS].sort());
    expect(childrenOf('产出指标')).toEqual(['数量指标', '质量指标', '时效指标', '成本指标']);
    expect(childrenOf('成本指标')).toEqual(['经济成本指标', '社会成本指标', '生态环境成本指标']);
    expect(childrenOf('效益指标')).toEqual([
      '经济效益指标',
      '社会效益指标',
      '生态效益指标',
      '可持续影响指标',
    ]);
    expect(childrenOf('满意度指标')).toEqual(['服务对象满意度指标']);
    expect(childrenOf('效 益 指 标 (30分)')).toHaveLength(4);
    expect(childrenOf('公共安全目标')).toEqual([]);
  });
});

describe('synonyms', () => {
  it.each([
    ['产出', '产出指标'],
    ['效益', '效益指标'],
    ['成本', '成本指标'],
    ['满意度', '满意度指标'],
  ])('一级 %s reads as %s', (raw, standard) => {
    expect(classifyLevel1(raw)).toEqual({ standard, raw, points: null, synonym: true });
  });

  it.each([
    ['进度指标', '时效指标'],
    ['时效性指标', '时效指标'],
    ['日效性指标', '时效指标'],
    ['环境效益指标', '生态效益指标'],
    ['生态环境效益指标', '生态效益指标'],
    ['社会公众或服务对象满意度指标', '服务对象满意度指标'],
    ['服务对象满意度', '服务对象满意度指标'],
    ['群众满意度指标', '服务对象满意度指标'],
    ['社会公众满意度指标', '服务对象满意度指标'],
    ['满意度', '服务对象满意度指标'],
    ['满意度指标', '服务对象满意度指标'],
    ['可持续影响', '可持续影响指标'],
    ['可持续发展指标', '可持续影响指标'],
    ['经济效益', '经济效益指标'],
    ['社会效益', '社会效益指标'],
    ['生态效益', '生态效益指标'],
    ['生态成本指标', '生态环境成本指标'],
    ['环境成本指标', '生态环境成本指标'],
  ])('二级 %s reads as %s', (raw, standard) => {
    expect(classifyLevel2(raw)).toEqual({ standard, raw, points: null, synonym: true });
  });

  it('layout noise alone does not make a spelling a synonym', () => {
    expect(classifyLevel1('产 出 指 标 (50分)')).toEqual({
      standard: '产出指标',
      raw: '产 出 指 标 (50分)',
      points: 50,
      synonym: false,
    });
    expect(classifyLevel2('经济效益 指标')).toMatchObject({ standard: '经济效益指标', synonym: false });
  });

  it('a spelling shared by two branches is read by the 一级 it sits under', () => {
    expect(classifyLevel2('经济指标')?.standard).toBe('经济效益指标');
    expect(classifyLevel2('经济指标', '效益指标')?.standard).toBe('经济效益指标');
    expect(classifyLevel2('经济指标', '成本指标')?.standard).toBe('经济成本指标');
    expect(classifyLevel2('社会指标', '成 本 指 标')?.standard).toBe('社会成本指标');
    expect(classifyLevel2('生态环境指标', '成本指标')?.standard).toBe('生态环境成本指标');
    expect(classifyLevel2('生态环境指标', '效益指标(30分)')?.standard).toBe('生态效益指标');
    expect(classifyLevel2('经济指标', '公共安全目标')?.standard).toBe('经济效益指标');
  });

  it('every spelling in the data reads as its own label when it sits under that label’s 一级', () => {
    for (const e of TAXONOMY.level1) {
      for (const s of [...e.synonyms, ...e.nameLike]) expect(classifyLevel1(s)?.standard, s).toBe(e.label);
    }
    for (const e of TAXONOMY.level2) {
      for (const s of [...e.synonyms, ...e.nameLike]) {
        for (const p of e.parents) expect(classifyLevel2(s, p)?.standard, `${s} under ${p}`).toBe(e.label);
      }
    }
  });
});

describe('spellings found in the sample forms', () => {
  // verbatim cell texts from /work/shared/samples, with the label each must read as
  it.each([
    ['产出指标', '产出指标', null, 'seed, hebei, hubei, yunnan, sichuan'],
    ['效益指标', '效益指标', null, 'seed, hebei, hubei, yunnan, sichuan'],
    ['满意度指标', '满意度指标', null, 'seed, yunnan'],
    ['满意度指标\n(10分)', '满意度指标', 10, 'anhui-project-2022'],
    ['产 出 指 标 (50分)', '产出指标', 50, 'anhui-project-2023-core-rows'],
    ['效 益 指 标 (30分)', '效益指标', 30, 'anhui-project-2023-core-rows'],
    ['满意度\n\n指标', '满意度指标', null, 'hebei-project-2019-paragraphs, joined'],
  ] as [string, string, number | null, string][])('一级 %j', (raw, standard, points) => {
    expect(classifyLevel1(raw)).toMatchObject({ standard, raw, points });
  });

  it.each([
    ['数量指标', '数量指标', 'every sample'],
    ['质量指标', '质量指标', 'every project sample; seed under 效益指标'],
    ['时效指标', '时效指标', 'anhui-2022, hebei, hubei-2021'],
    ['成本指标', '成本指标', 'anhui-2022, hebei, hubei-2021 (under 产出指标)'],
    ['经济效益\n指标', '经济效益指标', 'anhui-project-2022'],
    ['社会效益\n指标', '社会效益指标', 'anhui-project-2022'],
    ['生态效益\n指标', '生态效益指标', 'anhui-project-2022'],
    ['可持续影\n响指标', '可持续影响指标', 'anhui-project-2022'],
    ['服务对象\n满意度指标', '服务对象满意度指标', 'anhui-project-2022'],
    ['经济效益 指标', '经济效益指标', 'anhui-2023, hubei-2021'],
    ['社会效益 指标', '社会效益指标', 'anhui-2023, hubei-2021'],
    ['生态效益 指标', '生态效益指标', 'anhui-project-2023-core-rows'],
    ['可持续影响指标', '可持续影响指标', 'anhui-project-2023-core-rows'],
    ['经济效益\n\n指标', '经济效益指标', 'hebei, cells joined'],
    ['可持续影响\n\n指标', '可持续影响指标', 'hebei, cells joined'],
    ['经济效益', '经济效益指标', 'hebei, first cell alone'],
    ['可持续影响', '可持续影响指标', 'hebei, first cell alone'],
    ['经济效益指标', '经济效益指标', 'yunnan'],
    ['社会效益指标', '社会效益指标', 'seed, sichuan'],
    ['服务对象满意度指标', '服务对象满意度指标', 'yunnan, hebei'],
    ['社会公众或服务对象满意度指标', '服务对象满意度指标', 'seed'],
  ])('二级 %j', (raw, standard) => {
    expect(classifyLevel2(raw)).toMatchObject({ standard, raw });
  });

  it('keeps the points of a 一级 cell whose label was lost (anhui-project-2022)', () => {
    expect(classifyLevel1('(50分)')).toEqual({ standard: 'non-standard', raw: '(50分)', points: 50 });
    expect(classifyLevel1('\n\n\n(30分)')).toEqual({
      standard: 'non-standard',
      raw: '\n\n\n(30分)',
      points: 30,
    });
  });

  it('reads the non-standard 二级 names of the seed as non-standard, raw kept', () => {
    expect(classifyLevel2('公共安全目标', '效益指标')).toEqual({
      standard: 'non-standard',
      raw: '公共安全目标',
      points: null,
    });
    const long = '保障部门工作正常开展，提高办公环境质量';
    expect(classifyLevel2(long)).toEqual({ standard: 'non-standard', raw: long, points: null });
    expect(classifyLevel1('满意')).toEqual({ standard: 'non-standard', raw: '满意', points: null }); // cut off
  });

  it('returns null for a missing or blank cell', () => {
    expect(classifyLevel1(null)).toBeNull();
    expect(classifyLevel1(undefined)).toBeNull();
    expect(classifyLevel1('')).toBeNull();
    expect(classifyLevel2(' \n\u3000')).toBeNull();
    expect(classifyLevel2(null, '产出指标')).toBeNull();
  });
});

describe('parentOf, belongsTo, inferLevel1', () => {
  const expectedParent: Record<(typeof LEVEL2_LABELS)[number], (typeof LEVEL1_LABELS)[number]> = {
    数量指标: '产出指标',
    质量指标: '产出指标',
    时效指标: '产出指标',
    成本指标: '产出指标',
    经济效益指标: '效益指标',
    社会效益指标: '效益指标',
    生态效益指标: '效益指标',
    可持续影响指标: '效益指标',
    服务对象满意度指标: '满意度指标',
    经济成本指标: '成本指标',
    社会成本指标: '成本指标',
    生态环境成本指标: '成本指标',
  };

  it.each(LEVEL2_LABELS)('%s belongs under exactly its parent', (level2) => {
    const parent = expectedParent[level2];
    expect(parentOf(level2)).toEqual([parent]);
    for (const level1 of LEVEL1_LABELS) expect(belongsTo(level2, level1), level1).toBe(level1 === parent);
  });

  it('judges the misplacements real forms contain', () => {
    expect(belongsTo('质量指标', '效益指标')).toBe(false); // seed, goal 2
    expect(belongsTo('成本指标', '产出指标')).toBe(true); // pre-2021 forms
    expect(belongsTo('成本指标', '成本指标')).toBe(false);
    expect(belongsTo('社会公众或服务对象满意度指标', '满意度指标')).toBe(true);
    expect(belongsTo('经济效益 指标', '效 益 指 标 (30分)')).toBe(true);
    expect(belongsTo('进度指标', '产出指标')).toBe(true);
    expect(belongsTo('经济指标', '成本指标')).toBe(true);
    expect(belongsTo('经济成本指标', '效益指标')).toBe(false);
  });

  it('is false when either side is not a standard label', () => {
    expect(belongsTo('公共安全目标', '效益指标')).toBe(false);
    expect(belongsTo('数量指标', '(50分)')).toBe(false);
    expect(belongsTo('数量指标', null)).toBe(false);
    expect(belongsTo(null, '产出指标')).toBe(false);
  });

  it('parentOf reads synonyms and knows nothing of other text', () => {
    expect(parentOf('进度指标')).toEqual(['产出指标']);
    expect(parentOf('服务对象\n满意度指标')).toEqual(['满意度指标']);
    expect(parentOf('产出指标')).toEqual([]);
    expect(parentOf('公共安全目标')).toEqual([]);
  });

  it.each([
    ['数量指标', '产出指标'],
    ['质量指标', '产出指标'],
    ['时效指标', '产出指标'],
    ['成本指标', '产出指标'],
    ['经济效益\n指标', '效益指标'],
    ['可持续影\n响指标', '效益指标'],
    ['生态效益\n指标', '效益指标'],
    ['服务对象\n满意度指标', '满意度指标'],
    ['经济成本指标', '成本指标'],
    ['公共安全目标', null],
    ['', null],
    [null, null],
  ])('inferLevel1(%j) = %j', (level2, level1) => {
    expect(inferLevel1(level2)).toBe(level1);
  });
});

describe('isTaxonomyLabel', () => {
  it.each([
    ['产出指标', 'level1'],
    ['效益指标', 'level1'],
    ['满意度指标', 'level1'],
    ['满意度指标\n(10分)', 'level1'],
    ['产 出 指 标 (50分)', 'level1'],
    ['产出', 'level1'],
    ['数量指标', 'level2'],
    ['质量指标', 'level2'],
    ['进度指标', 'level2'],
    ['日效性指标', 'level2'],
    ['成本指标', 'level2'],
    ['社会效益指标', 'level2'],
    ['经济效益 指标', 'level2'],
    ['经济效益', 'level2'],
    ['社会公众或服务对象满意度指标', 'level2'],
    ['群众满意度 指标', 'level2'],
    ['服务对象\n满意度指标', 'level2'],
  ])('%j is a %s label', (text, level) => {
    expect(isTaxonomyLabel(text)).toBe(level);
  });

  it.each([
    // indicator names from the seed form
    '服务企业(员工)对党群工作满意度',
    '园区职工满意度',
    '园区企业满意度',
    '社会公众满意度',
    '企业对招商工作满意度',
    '部门职工认可度≥90%',
    '社会公众投诉件办结率',
    '招商政策宣传知晓率',
    '党建主题活动次数',
    '外贸进出口总额',
    '保障部门工作正常开展，提高办公环境质量',
    '公共安全目标',
    // names elsewhere that spell a label word
    '服务对象满意度',
    '满意度(%)',
    '满意度',
    '学生满意度',
    // headers and lost labels
    '一级指标',
    '二级指标',
    '三级指标',
    '一级\n指标',
    '绩 效 指 标',
    '绩效指标(90分)',
    '年度绩效指标',
    '(50分)',
    '',
    null,
  ])('%j is not a label', (text) => {
    expect(isTaxonomyLabel(text)).toBeNull();
  });
});

describe('labelReadings', () => {
  it('gives both readings of 成本指标', () => {
    expect(labelReadings('成本指标')).toEqual([
      { level: 'level1', standard: '成本指标', synonym: false, nameLike: false },
      { level: 'level2', standard: '成本指标', synonym: false, nameLike: false },
    ]);
  });

  it('marks the name-like readings of 满意度', () => {
    expect(labelReadings('满意度')).toEqual([
      { level: 'level1', standard: '满意度指标', synonym: true, nameLike: true },
      { level: 'level2', standard: '服务对象满意度指标', synonym: true, nameLike: true },
    ]);
  });

  it('is empty for an indicator name', () => {
    expect(labelReadings('园区职工满意度')).toEqual([]);
    expect(labelReadings(null)).toEqual([]);
  });
});

describe('compactText', () => {
  it('takes the fast path only for code units neither of its patterns touches', () => {
    // the slow path's two character classes, as compactText states them
    const whitespace = /[\s\u200b-\u200d\u2060]/;
    const needsNfkc = /[\u2e80-\u2fdf\u3000\uf900-\ufaff\ufe30-\ufe4f\uff00-\uffef]/;
    for (let c = 0; c < 0x10000; c++) {
      if (!isPlainCode(c)) continue;
      const ch = String.fromCharCode(c);
      if (whitespace.test(ch) || needsNfkc.test(ch)) expect.fail(`U+${c.toString(16)} is no plain code unit`);
    }
  });

  it('gives what normalize() and the regexes give, for every code unit in any company', () => {
    for (let c = 0; c < 0x10000; c++) {
      const ch = String.fromCharCode(c);
      for (const s of [ch, `a${ch}`, `${ch}（`, `中${ch} ${ch}`, `e${ch}\u0301`]) {
        if (compactText(s) !== compactSlow(s)) expect.fail(`U+${c.toString(16)} in ${JSON.stringify(s)}`);
      }
    }
    const alphabet: number[] = [];
    for (const [from, to] of [
      [0, 0x300],
      [0x2000, 0x2800],
      [0x3000, 0x3100],
      [0xfe00, 0x10000],
    ] as const)
      for (let c = from; c < to; c++) alphabet.push(c);
    for (let k = 0; k < 300; k++) alphabet.push(0x4e00 + k * 67);
    let seed = 1;
    const next = () => {
      seed = (seed * 1664525 + 1013904223) >>> 0;
      return seed / 2 ** 32;
    };
    for (let n = 0; n < 100_000; n++) {
      let s = '';
      const len = 1 + Math.floor(next() * 10);
      for (let i = 0; i < len; i++) s += String.fromCharCode(alphabet[Math.floor(next() * alphabet.length)]!);
      if (compactText(s) !== compactSlow(s)) expect.fail(JSON.stringify(s));
    }
  });

  it('folds and removes what the patterns match, and keeps plain text as it is', () => {
    expect(compactText('产出指标')).toBe('产出指标');
    expect(compactText('产 出\n指标（50分）')).toBe('产出指标(50分)');
    expect(compactText('≥90%')).toBe('≥90%');
    expect(compactText('⼀级\u200b指标')).toBe('一级指标');
  });
});

describe('isTaxonomyLabel, refusing by the first ideograph', () => {
  it('agrees with reading the compact text for every ideograph or ASCII character first', () => {
    // the labels' spellings, their first characters joined to others, and names
    const tails = ['出指标', '指标(30分)', '', ' 指 标', '度', '\u0301', '\u0338', '（50分）'];
    for (let c = 0x21; c <= 0x9fff; c++) {
      if ((c >= 0x7f && c < 0x3400) || (c > 0x4dbf && c < 0x4e00)) continue;
      for (const tail of tails) {
        const text = String.fromCharCode(c) + tail;
        const compact = compactText(text);
        const expected = isTaxonomyLabel(`\u200b${compact}`);
        if (isTaxonomyLabel(text) !== expected) expect.fail(JSON.stringify(text));
      }
    }
  });
});
