import { describe, expect, it } from 'vitest';
import type { Profile } from '../../profiles/schema.ts';
import { satisfactionAllRound as rule } from './satisfaction-all-round.ts';
import { CLEAN, edited, found, profile, rowAt, tuned } from './testkit.ts';

const national = profile();

/** The clean fixture with satisfaction rows whose actuals are `actuals`. */
function run(actuals: string[], p: Profile = national, unit: (a: string) => string = (a) => a) {
  const ev = edited(CLEAN, (j) => {
    const base = rowAt(j, 6);
    j.indicators = [
      ...(j.indicators ?? []).slice(0, 6),
      ...actuals.map((a, k) => ({ ...base, name: `满意度${k + 1}`, actual: { raw: unit(a) } })),
    ];
  });
  return found(rule, ev, p);
}

describe('satisfaction-all-round', () => {
  it('finds nothing on the clean fixture (one rate, 93.6%)', () => {
    expect(run(['93.6%'])).toEqual([]);
  });

  it('is silent on the seed’s figures, which are not all round', () => {
    expect(run(['93%', '95%', '99%', '95%', '95%'])).toEqual([]);
  });

  it('notes three or more rates that are all multiples of 5', () => {
    expect(run(['90%', '95%', '100%', '95%'])).toEqual([
      expect.objectContaining({
        severity: 'info',
        path: 'indicators',
        message:
          '4项满意度指标的实际值均为5的整数倍（90%、95%、100%）；实际调查结果一般不会全是整数档，请核实满意度是否实际测得，并保留调查依据。',
      }),
    ]);
  });

  it('says so when all are 100%, also when the unit is left out', () => {
    const found = run(['100', '100', '100'], national, (a) => a);
    expect(found[0]!.message).toBe(
      '3项满意度指标的实际值均为100%；请核实是否开展了满意度调查，并保留问卷、样本数等依据。',
    );
  });

  it('needs at least three rates', () => {
    expect(run(['100%', '100%'])).toEqual([]);
  });

  it('follows the profile’s thresholds', () => {
    const strict = tuned(national, { thresholds: { satisfactionRoundMin: 2, satisfactionRoundStep: 10 } });
    expect(run(['90%', '100%'], strict)).toHaveLength(1);
    expect(run(['90%', '95%', '100%'], strict)).toEqual([]);
  });

  it('counts a rate with decimals as round only when it is a multiple of the step', () => {
    expect(run(['92.5%', '95%', '90%'])).toEqual([]);
    const halves = tuned(national, { thresholds: { satisfactionRoundStep: 2.5 } });
    expect(run(['92.5%', '95%', '90%'], halves)[0]?.message).toContain('均为2.5的整数倍（90%、92.5%、95%）');
    expect(run(['92.6%', '95%', '90%'], halves)).toEqual([]);
  });

  it('ignores money figures misfiled under 满意度指标', () => {
    const ev = edited(CLEAN, (j) => {
      const base = rowAt(j, 6);
      j.indicators = [
        { ...base, name: '园区职工满意度', actual: { raw: '95%' } },
        { ...base, name: '园区企业满意度', actual: { raw: '90%' } },
        { ...base, name: '纳税百万以上企业合计纳税', target: { raw: '15亿元' }, actual: { raw: '20亿元' } },
      ];
    });
    expect(found(rule, ev, national)).toEqual([]);
  });
});
