import { describe, expect, it } from 'vitest';
import { narrativeBoilerplate } from './narrative-boilerplate.ts';
import { form, profile, row, run, tuned } from './testkit.ts';

describe('narrative-boilerplate', () => {
  it('warns when the analysis is a stock phrase although targets were far exceeded (the seed)', () => {
    const ev = form([row('安全生产培训次数', '≥2次', '8次')], {
      deviationAnalysis: '基本完成年度预算绩效目标',
    });
    expect(run(narrativeBoilerplate, ev)).toEqual([
      expect.objectContaining({
        severity: 'warning',
        path: 'deviationAnalysis',
        message:
          '“偏差大或目标未完成原因分析”只写了套话“基本完成年度预算绩效目标”，而有 1 个指标实际完成值达到目标值的 130% 以上（安全生产培训次数 400%），未作任何分析。',
      }),
    ]);
  });

  it('is info when nothing on the form needed explaining', () => {
    const ev = form([row('a', '≥1个', '1个')], { deviationAnalysis: '已基本完成年度预算绩效目标。' });
    expect(run(narrativeBoilerplate, ev)).toEqual([
      expect.objectContaining({
        severity: 'info',
        message: '“偏差大或目标未完成原因分析”只写了套话“已基本完成年度预算绩效目标。”，没有具体内容。',
      }),
    ]);
  });

  it('does not call a text with substance boilerplate', () => {
    const ev = form([], { deviationAnalysis: '预算执行率95%，基本完成年度目标，尾款待审计后支付。' });
    expect(run(narrativeBoilerplate, ev)).toEqual([]);
  });

  it('judges the improvement plan too, with the profile’s own stock phrases', () => {
    const ev = form([], { improvementPlan: '强化绩效意识。' });
    expect(run(narrativeBoilerplate, ev)).toEqual([]);
    const local = tuned(profile(), { boilerplate: ['强化绩效意识'] });
    expect(run(narrativeBoilerplate, ev, local).map((f) => f.path)).toEqual(['improvementPlan']);
  });
});
