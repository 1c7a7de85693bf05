import { describe, expect, it } from 'vitest';
import type { Evaluation } from '../../model/evaluation.ts';
import { copiedFromLastYear as rule } from './copied-from-last-year.ts';
import {
  CLEAN,
  clean2022,
  type Edit,
  edited,
  found,
  profile,
  rowAt,
  run as runRule,
  tuned,
} from './testkit.ts';

const form = (edit?: Edit) => edited(CLEAN, edit);
const run = (now: Evaluation, history: Evaluation[]) => found(rule, now, profile(), history);

describe('copied-from-last-year', () => {
  it('is silent when this year’s figures differ from last year’s', () => {
    expect(run(form(), [clean2022()])).toEqual([]);
  });

  it('notes one actual figure identical to last year’s', () => {
    const found = run(form(), [
      clean2022((j) => {
        rowAt(j, 6).actual = { raw: '93.6%' };
      }),
    ]);
    expect(found).toEqual([
      expect.objectContaining({
        severity: 'info',
        path: 'indicators[6].actual',
        message:
          '“受益群众满意度”的实际完成值“93.6%”与上年（2022年）完全相同，目标值也未变；请核实是否为本年度实际数据。',
      }),
    ]);
  });

  it('does not count 100%, zero, or an actual that just equals its target as copied', () => {
    const found = run(
      form((j) => {
        rowAt(j, 0).actual = { raw: '12处' };
        rowAt(j, 4).actual = { raw: '0人' };
      }),
      [
        clean2022((j) => {
          rowAt(j, 0).actual = { raw: '12处' };
          rowAt(j, 1).actual = { raw: '100%' };
          rowAt(j, 4).actual = { raw: '0人' };
        }),
      ],
    );
    expect(found).toEqual([]);
  });

  it('warns once for the form when most rows repeat last year word for word', () => {
    const found = run(form(), [form((j) => (j.year = 2022))]);
    expect(found[0]).toEqual(
      expect.objectContaining({
        severity: 'warning',
        path: 'indicators',
        message:
          '本年7个指标中有7个的目标值和实际完成值与上年（2022年）逐字相同；请核实自评表是否照抄上年，并按本年度实际完成情况填报。',
      }),
    );
    // 12处 against ≥12处 and 100% are not telling; the other five figures are.
    expect(found.slice(1).map((f) => f.path)).toEqual([
      'indicators[2].actual',
      'indicators[3].actual',
      'indicators[4].actual',
      'indicators[5].actual',
      'indicators[6].actual',
    ]);
  });

  it('takes the share for “most” from the profile', () => {
    const national = profile();
    const lenient = tuned(national, { thresholds: { copiedShare: 0.5 } });
    const last = clean2022((j) => {
      for (const k of [0, 1, 2, 3]) rowAt(j, k).actual = structuredClone(rowAt(CLEAN, k).actual);
    });
    const codes = (p: typeof national) =>
      runRule(rule, form(), p, [last]).filter((f) => f.path === 'indicators').length;
    expect(codes(national)).toBe(0);
    expect(codes(lenient)).toBe(1);
  });
});
