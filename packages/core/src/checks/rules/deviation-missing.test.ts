import { describe, expect, it } from 'vitest';
import { deviationMissing } from './deviation-missing.ts';
import { form, row, run } from './testkit.ts';

const missed = (extra = {}) => row('工程完工及时率', '≥95%', '92%', 10, 9.68, extra);

describe('deviation-missing', () => {
  it('warns about a missed target with no reason anywhere', () => {
    expect(run(deviationMissing, form([missed()]))).toEqual([
      expect.objectContaining({
        severity: 'warning',
        path: 'indicators[0].deviation',
        message:
          '“工程完工及时率”未达成目标（目标 ≥95%，实际 92%），得分 9.68 分低于分值 10 分，但该行未填写偏差原因，表内也没有偏差分析。',
      }),
    ]);
  });

  it('accepts a reason on the row, or an analysis that names the indicator', () => {
    expect(run(deviationMissing, form([missed({ deviation: '2处工程受汛期影响推迟1个月完工。' })]))).toEqual(
      [],
    );
    const named = form([missed()], { deviationAnalysis: '工程完工及时率92%，原因是汛期停工。' });
    expect(run(deviationMissing, named)).toEqual([]);
    // A narrative quotes names loosely: five characters of the name in a row are enough.
    const loose = form([missed()], { deviationAnalysis: '部分工程完工及时性受汛期影响。' });
    expect(run(deviationMissing, loose)).toEqual([]);
  });

  it('does not take a stock phrase for a reason', () => {
    expect(run(deviationMissing, form([missed({ deviation: '无' })]))).toHaveLength(1);
    const stock = form([missed()], { deviationAnalysis: '基本完成年度预算绩效目标。' });
    expect(run(deviationMissing, stock)[0]?.severity).toBe('warning');
  });

  it('leaves it to the reviewer (info) when an analysis exists but does not name the row', () => {
    const ev = form([row('带动贫困户', '11442', '4164')], {
      deviationAnalysis: '新型农业经营主体自身发展状况欠佳，带动建档立卡户发展的能力有限。',
    });
    expect(run(deviationMissing, ev)).toEqual([
      expect.objectContaining({
        severity: 'info',
        message:
          '“带动贫困户”未达成目标（目标 11442，实际 4164），但该行未填写偏差原因，表末偏差分析也未提及该指标，请核实是否已作说明。',
      }),
    ]);
  });

  it('counts a score below the weight as a deviation even when the target was met', () => {
    const [finding] = run(deviationMissing, form([row('培训次数', '≥2次', '8次', 10, 8)]));
    expect(finding?.message).toBe(
      '“培训次数”得分 8 分低于分值 10 分，但该行未填写偏差原因，表内也没有偏差分析。',
    );
  });

  it('says nothing about rows that met their target at full marks or cannot be judged', () => {
    const ev = form([
      row('a', '≥90%', '93%', 10, 10),
      row('b', '辖区内不发生社会群体性事件', '未发生'),
      row('c', '=100%', '', 10, null),
    ]);
    expect(run(deviationMissing, ev)).toEqual([]);
  });
});
