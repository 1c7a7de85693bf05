/**
 * The acceptance of issue 4 for classes D–F: on the seed form the rules of these classes find
 * exactly the misfiled rows a reviewer finds, and nothing else; on the clean fixture nothing
 * worth a warning.
 */
import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { validate } from '../model/validate.ts';
import { getProfile } from '../profiles/registry.ts';
import { check } from './check.ts';
import clean from './fixtures/clean-project-2023.json' with { type: 'json' };
import { RULES_D_TO_F } from './rules/catalogue-d-f.ts';

const seedJson = JSON.parse(
  readFileSync(new URL('../../../../examples/seed-hubei-dept-2023.expected.json', import.meta.url), 'utf8'),
);
const codes = new Set(RULES_D_TO_F.map((r) => r.code));

function findingsOf(json: unknown, profileId: string) {
  const v = validate(json);
  if (!v.ok) throw new Error(JSON.stringify(v.errors));
  const all = check(v.evaluation, getProfile(profileId)!, [], { rules: RULES_D_TO_F });
  return { all, mine: all.filter((f) => codes.has(f.code)) };
}

describe('classes D–F on the seed (hubei-2020)', () => {
  const { all, mine } = findingsOf(seedJson, 'hubei-2020');

  it('find exactly the reviewer’s findings', () => {
    expect(mine.map((f) => `${f.code} ${f.path}`).sort()).toEqual(
      [
        'level2-wrong-parent indicators[7].level2', // 外贸进出口总额: 质量指标 under 效益指标
        'level2-wrong-parent indicators[8].level2', // 其他营利性服务业企业累计完成营收
        'level2-wrong-parent indicators[9].level2', // 招商引资实际到位总额
        'money-in-wrong-level1 indicators[10].level1', // 纳税百万以上企业合计纳税 under 满意度指标
        'money-in-wrong-level1 indicators[11].level1', // 本年新增园区固定资产总投资 under 满意度指标
        'satisfaction-outside-satisfaction indicators[16].level1', // 部门职工认可度≥90% under 产出/质量
        'level2-non-standard indicators[17].level2', // 公共安全目标
        'basic-spending-zero budget.basicTotal',
      ].sort(),
    );
  });

  it('name the rows in words and give the figures', () => {
    const byPath = new Map(mine.map((f) => [f.path, f]));
    expect(byPath.get('indicators[7].level2')?.place).toBe('目标2 / 外贸进出口总额 / 二级指标');
    expect(byPath.get('indicators[10].level1')?.message).toContain(
      '“纳税百万以上企业合计纳税”（目标15亿元）',
    );
    expect(byPath.get('indicators[16].level1')?.place).toBe(
      '目标3 / 保障部门工作正常开展，提高办公环境质量 / 一级指标',
    );
    expect(byPath.get('indicators[16].level1')?.message).toContain('部门职工认可度≥90%');
    expect(byPath.get('indicators[17].level2')?.message).toContain('“公共安全目标”不是标准名称');
    expect(byPath.get('budget.basicTotal')?.message).toContain('项目支出总额390.76万元');
  });

  it('grade them: misfiled rows are warnings, 基本支出 0 an info, nothing an error', () => {
    for (const f of mine)
      expect(f.severity, `${f.code} ${f.path}`).toBe(f.code === 'basic-spending-zero' ? 'info' : 'warning');
  });

  it('leave the satisfaction rows under 满意度指标 and 招商政策宣传知晓率 alone', () => {
    const flagged = new Set(mine.map((f) => f.path.replace(/\..*$/, '')));
    for (const k of [4, 12, 15, 18, 19, 20]) expect(flagged.has(`indicators[${k}]`), `row ${k}`).toBe(false);
  });

  it('skip the weight rules with a note instead of guessing, and the history rules likewise', () => {
    const weights = all.find((f) => f.code === 'weights-unknown');
    expect(weights?.message).toContain('指标分值不合理');
    expect(weights?.message).toContain('全部指标满分且无任何说明');
    expect(all.find((f) => f.code === 'history-unavailable')?.message).toContain(
      '目标值不高于上年实际完成值',
    );
  });
});

describe('classes D–F on the clean fixture', () => {
  it('give no error and no warning', () => {
    const { mine } = findingsOf(clean, 'national-2020');
    expect(mine.filter((f) => f.severity !== 'info')).toEqual([]);
    expect(mine).toEqual([]);
  });
});

describe('every rule of classes D–F', () => {
  it('has a kebab-case code, a class of D–F, a Chinese title and a one-line basis', () => {
    for (const r of RULES_D_TO_F) {
      expect(r.code).toMatch(/^[a-z0-9]+(-[a-z0-9]+)*$/);
      expect(['classification', 'plausibility', 'history']).toContain(r.class);
      expect(r.title).toMatch(/[\u4e00-\u9fff]/);
      expect(r.basis).toMatch(/[\u4e00-\u9fff]/);
      expect(r.basis).not.toContain('\n');
    }
    expect(codes.size).toBe(RULES_D_TO_F.length);
  });

  it('declares history as a need exactly for the history class', () => {
    for (const r of RULES_D_TO_F)
      expect(r.needs?.includes('history') ?? false, r.code).toBe(r.class === 'history');
  });
});
