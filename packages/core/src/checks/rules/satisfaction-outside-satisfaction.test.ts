import { describe, expect, it } from 'vitest';
import type { EvaluationInput } from '../../model/evaluation.ts';
import { satisfactionOutsideSatisfaction as rule } from './satisfaction-outside-satisfaction.ts';
import { CLEAN, type Edit, edited, found, rowAt } from './testkit.ts';

const run = (edit: Edit) => found(rule, edited(CLEAN, edit));
function put(j: EvaluationInput, k: number, name: string, target: string, actual = '95%') {
  Object.assign(rowAt(j, k), { name, target: { raw: target }, actual: { raw: actual } });
}

describe('satisfaction-outside-satisfaction', () => {
  it('finds nothing on the clean fixture (受益群众满意度 is under 满意度指标)', () => {
    expect(run(() => {})).toEqual([]);
  });

  it('flags a target that carries a recognition rate, as on the seed', () => {
    const found = run((j) => {
      put(j, 1, '保障部门工作正常开展，提高办公环境质量', '部门职工认可度≥90%', '100%');
    });
    expect(found).toEqual([
      expect.objectContaining({
        severity: 'warning',
        path: 'indicators[1].level1',
        message:
          '“保障部门工作正常开展，提高办公环境质量”的目标值“部门职工认可度≥90%”是一项认可度（满意度类）指标，却列在产出指标/质量指标下；满意度、认可度类指标应归入满意度指标/服务对象满意度指标。',
      }),
    ]);
  });

  it.each([
    ['群众满意率', 0],
    ['培训学员满意度', 1],
    ['社会认可度(%)', 4],
    ['受益群众满意度达到90%以上', 5],
  ])('flags the rate %s outside 满意度指标', (name, k) => {
    const found = run((j) => put(j, k, name, '≥90%'));
    expect(found.map((f) => f.path)).toEqual([`indicators[${k}].level1`]);
    expect(found[0]!.message).toContain(`“${name}”是一项`);
  });

  it.each([
    ['招商政策宣传知晓率', '100%'],
    ['社会公众投诉件办结率', '100%'],
    ['满意度调查次数', '≥2次'],
    ['满意度测评覆盖率', '≥80%'],
    ['群众获得感', '明显提升'],
  ])('leaves %s alone: not a satisfaction rate', (name, target) => {
    expect(run((j) => put(j, 1, name, target))).toEqual([]);
  });

  it('leaves a satisfaction 二级 filed under another 一级 to level2-wrong-parent', () => {
    expect(
      run((j) => {
        rowAt(j, 6).level1 = '效益指标';
      }),
    ).toEqual([]);
  });

  it('uses the 一级 the 二级 implies when the 一级 is blank', () => {
    expect(
      run((j) => {
        rowAt(j, 6).level1 = null;
        put(j, 0, '群众满意度', '≥90%');
        rowAt(j, 0).level1 = null;
      }).map((f) => f.path),
    ).toEqual(['indicators[0].level1']);
  });
});
