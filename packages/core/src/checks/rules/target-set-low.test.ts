import { describe, expect, it } from 'vitest';
import { targetSetLow } from './target-set-low.ts';
import { form, profile, row, run, tuned } from './testkit.ts';

describe('target-set-low', () => {
  it('notes an actual at twice the target or more (the seed: 8 trainings against ≥2)', () => {
    const ev = form([row('安全生产培训次数', '≥2次', '8次'), row('党建主题活动次数', '≥12次', '19次')]);
    expect(run(targetSetLow, ev).filter((f) => f.code === 'target-set-low')).toEqual([
      expect.objectContaining({
        severity: 'info',
        path: 'indicators[0].target',
        message:
          '“安全生产培训次数”实际完成 8次，是年度指标值 ≥2次 的 4 倍，目标可能定得过低；编制下年目标时应参考实际完成水平。',
      }),
    ]);
  });

  it('takes its factor from the profile (targetSetLow)', () => {
    const ev = form([row('党建主题活动次数', '≥12次', '19次')]);
    const keen = tuned(profile(), { thresholds: { targetSetLow: 1.5 } });
    expect(run(targetSetLow, ev, keen).map((f) => f.message)).toEqual([
      '“党建主题活动次数”实际完成 19次，是年度指标值 ≥12次 的 1.6 倍，目标可能定得过低；编制下年目标时应参考实际完成水平。',
    ]);
  });

  it('ignores reverse targets beaten by far (a low cost is not a low target)', () => {
    expect(run(targetSetLow, form([row('单位造价', '≤45万元', '20万元')]))).toEqual([]);
  });
});
