import { describe, expect, it } from 'vitest';
import { overshootUnexplained } from './overshoot-unexplained.ts';
import { form, profile, row, run, tuned } from './testkit.ts';

const training = (extra = {}) => row('安全生产培训次数', '≥2次', '8次', null, 3, extra);

describe('overshoot-unexplained', () => {
  it('warns about an actual far above its target with no explanation (the seed: 8 against ≥2)', () => {
    const findings = run(overshootUnexplained, form([training()])).filter(
      (f) => f.code === 'overshoot-unexplained',
    );
    expect(findings).toEqual([
      expect.objectContaining({
        severity: 'warning',
        path: 'indicators[0].deviation',
        message:
          '“安全生产培训次数”实际完成 8次，目标 ≥2次，完成 400%，达到 130% 以上，但该行没有偏差说明，表末偏差分析也未提及；超额完成较多应说明原因（目标是否定得偏低）。',
      }),
    ]);
  });

  it('flags from the threshold on: 19.57 against 15 (130.5%) yes, 5.9 against 5 (118%) no', () => {
    const ev = form([row('合计纳税', '15亿元', '19.57亿元'), row('外贸进出口总额', '5亿', '5.9亿')]);
    expect(
      run(overshootUnexplained, ev)
        .filter((f) => f.code === 'overshoot-unexplained')
        .map((f) => f.path),
    ).toEqual(['indicators[0].deviation']);
  });

  it('does not take stock phrases, or an analysis about other rows, as an explanation', () => {
    const stock = form([training({ deviation: '无偏差' })], {
      deviationAnalysis: '基本完成年度预算绩效目标',
    });
    expect(run(overshootUnexplained, stock).filter((f) => f.severity === 'warning')).toHaveLength(1);
    const other = form([training()], { deviationAnalysis: '园区企业满意度调查样本偏少，下年扩大调查范围。' });
    expect(run(overshootUnexplained, other).filter((f) => f.severity === 'warning')).toHaveLength(1);
  });

  it('accepts an explanation on the row or an analysis naming the indicator', () => {
    const onRow = form([training({ deviation: '上级临时部署安全生产专项整治，增加培训6次。' })]);
    expect(run(overshootUnexplained, onRow).filter((f) => f.code === 'overshoot-unexplained')).toEqual([]);
    const named = form([training()], { deviationAnalysis: '安全生产培训超出目标，因上级临时部署专项整治。' });
    expect(run(overshootUnexplained, named).filter((f) => f.code === 'overshoot-unexplained')).toEqual([]);
  });

  it('uses the profile’s threshold', () => {
    const strict = tuned(profile(), {}, { overshootThreshold: 5 });
    expect(
      run(overshootUnexplained, form([training()]), strict).filter((f) => f.code === 'overshoot-unexplained'),
    ).toEqual([]);
  });
});
