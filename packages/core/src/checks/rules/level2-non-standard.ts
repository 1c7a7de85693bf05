/** D: a 二级 label that is not one of the standard names or their accepted spellings (公共安全目标). */
import { childrenOf, classifyLevel1, compactText } from '../../taxonomy/classify.ts';
import type { RawFinding, Rule } from '../types.ts';
import { factsOf, indicatorPath } from './support.ts';

export const level2NonStandard: Rule = {
  code: 'level2-non-standard',
  class: 'classification',
  severity: 'warning',
  title: '二级指标名称不规范',
  basis: '财预〔2020〕10号、财预〔2021〕101号规定的标准二级指标（省级模板的同义写法视为规范）',
  run(ctx) {
    const out: RawFinding[] = [];
    for (const f of factsOf(ctx.evaluation)) {
      const level2 = f.level2;
      if (level2 === null || level2.standard !== 'non-standard') continue;
      const written = compactText(level2.raw);
      const standard = f.parent === null ? [] : childrenOf(f.parent);
      const hint =
        standard.length > 0
          ? `${f.parent}下的标准二级指标为${standard.join('、')}`
          : '请改用标准二级指标名称（数量、质量、时效、成本，经济效益、社会效益、生态效益、可持续影响，服务对象满意度等）';
      const asLevel1 = classifyLevel1(level2.raw);
      const what =
        asLevel1 !== null && asLevel1.standard !== 'non-standard'
          ? `二级指标栏填写的是一级指标名称“${written}”`
          : `二级指标“${written}”不是标准名称`;
      out.push({
        path: indicatorPath(f.index, 'level2'),
        message: `“${f.indicator.name}”的${what}；${hint}。`,
      });
    }
    return out;
  },
};
