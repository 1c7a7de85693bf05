import { describe, expect, it } from 'vitest';
import type { EvaluationInput } from '../../model/evaluation.ts';
import { duplicateIndicator as rule } from './duplicate-indicator.ts';
import { CLEAN, type Edit, edited, found, profile, rowAt, SEED } from './testkit.ts';

const run = (json: EvaluationInput, edit?: Edit) => found(rule, edited(json, edit), profile('hubei-2020'));

describe('duplicate-indicator', () => {
  it('finds nothing on the clean fixture or the seed', () => {
    expect(run(CLEAN)).toEqual([]);
    expect(run(SEED)).toEqual([]);
  });

  it('warns on a name repeated under one goal, spelled with ★, spaces or full-width forms', () => {
    const found = run(CLEAN, (j) => {
      rowAt(j, 6).name = '★农村自来水　普及率（%）';
      rowAt(j, 4).name = '指标1：集中供水工程改造处数';
    });
    expect(found).toEqual([
      expect.objectContaining({
        severity: 'warning',
        path: 'indicators[4].name',
        message:
          '“指标1：集中供水工程改造处数”与第1个指标重复（同一目标下名称相同），同一指标不应重复列示和计分。',
      }),
      expect.objectContaining({ severity: 'warning', path: 'indicators[6].name' }),
    ]);
    expect(found[1]!.message).toContain('与第6个指标重复');
  });

  it('notes the same name and target under two goals of a department form', () => {
    const found = run(SEED, (j) => {
      Object.assign(rowAt(j, 20), { name: '企业对招商工作满意度', target: { raw: '≥90%' } });
    });
    expect(found).toEqual([
      expect.objectContaining({
        severity: 'info',
        path: 'indicators[20].name',
        message:
          '“企业对招商工作满意度”（目标≥90%）与目标2的第13个指标名称和目标值相同，请核实是否重复列示。',
      }),
    ]);
  });

  it('accepts the same name with another target under another goal', () => {
    expect(
      run(SEED, (j) => {
        Object.assign(rowAt(j, 20), { name: '企业对招商工作满意度', target: { raw: '≥95%' } });
      }),
    ).toEqual([]);
  });

  it('ignores rows without a name', () => {
    expect(
      run(CLEAN, (j) => {
        rowAt(j, 0).name = '';
        rowAt(j, 1).name = ' ';
      }),
    ).toEqual([]);
  });
});
