/** A: the grade printed on the form is not the one its total earns. */
import { plain } from '../../decimal/decimal.ts';
import type { Rule } from '../types.ts';

// Forms write the grades out in full.
const GRADE_SPELLINGS: Record<string, string> = { 优秀: '优', 良好: '良', 中等: '中', 较差: '差' };

export const gradeMismatch: Rule = {
  code: 'grade-mismatch',
  class: 'arithmetic',
  severity: 'error',
  title: '自评等级与总分不符',
  basis: '自评等级按总分划分：90分（含）以上为优，80（含）～90分为良，60（含）～80分为中，60分以下为差',
  run(ctx) {
    const reported = ctx.evaluation.grade?.trim() ?? '';
    const total = ctx.evaluation.totalReported;
    const expected = ctx.score.grade.fromReported;
    if (reported === '' || total === null || expected === null) return [];
    const grade = GRADE_SPELLINGS[reported] ?? reported;
    const bands = [...ctx.profile.gradeBands].sort((a, b) => b.min - a.min);
    // A grade the profile does not know (a local scale) cannot be judged against it.
    if (grade === expected || !bands.some((b) => b.grade === grade)) return [];
    const i = bands.findIndex((b) => b.grade === expected);
    const band = bands[i];
    const above = i > 0 ? bands[i - 1] : undefined;
    const range = band
      ? `“${expected}”为 ${plain(band.min)} 分（含）${above ? `至 ${plain(above.min)} 分` : '以上'}`
      : '';
    return [
      {
        path: 'grade',
        message: `自评等级填报“${reported}”，按填报总分 ${plain(total)} 分应为“${expected}”${range ? `（${range}）` : ''}。`,
      },
    ];
  },
};
