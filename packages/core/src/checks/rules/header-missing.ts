/** B: the form does not say whose it is or which year it evaluates. */
import type { RawFinding, Rule } from '../types.ts';

function blank(text: string | null): boolean {
  return text === null || text.trim() === '';
}

export const headerMissing: Rule = {
  code: 'header-missing',
  class: 'completeness',
  severity: 'warning',
  title: '表头信息缺失',
  basis: '自评表须写明单位名称、评价年度，项目支出自评表还须写明项目名称，方能归档、公开和对比',
  run(ctx) {
    const ev = ctx.evaluation;
    const out: RawFinding[] = [];
    if (blank(ev.unit)) out.push({ path: 'unit', message: '未填写单位名称，无法确定自评主体。' });
    if (ev.year === null) {
      out.push({ path: 'year', message: '未写明评价年度，无法与预算年度和往年自评对照。' });
    }
    if (ev.kind === 'project' && blank(ev.project)) {
      out.push({ path: 'project', message: '项目支出绩效自评表未填写项目名称。' });
    }
    return out;
  },
};
