/** D: a 一级 label that is none of 产出 / 成本 / 效益 / 满意度指标. */
import { classifyLevel2, compactText, inferLevel1 } from '../../taxonomy/classify.ts';
import type { RawFinding, Rule } from '../types.ts';
import { factsOf, indicatorPath } from './support.ts';

export const level1NonStandard: Rule = {
  code: 'level1-non-standard',
  class: 'classification',
  severity: 'warning',
  title: '一级指标名称不规范',
  basis: '财预〔2020〕10号、财预〔2021〕101号：一级指标为产出、成本、效益、满意度指标',
  run(ctx) {
    const out: RawFinding[] = [];
    for (const f of factsOf(ctx.evaluation)) {
      const level1 = f.level1;
      if (level1 === null || level1.standard !== 'non-standard') continue;
      const written = compactText(level1.raw);
      const asLevel2 = classifyLevel2(level1.raw);
      const what =
        asLevel2 !== null && asLevel2.standard !== 'non-standard'
          ? `一级指标栏填写的是二级指标名称“${written}”，应为“${inferLevel1(level1.raw) ?? ''}”`
          : `一级指标“${written}”不是标准名称，应为产出指标、成本指标、效益指标或满意度指标`;
      out.push({ path: indicatorPath(f.index, 'level1'), message: `“${f.indicator.name}”的${what}。` });
    }
    return out;
  },
};
