/**
 * Jixiao's own reading of a form, for the sheet beside the official table: the scores the
 * engine computed against the reported ones, and the review findings. Kept apart from the form
 * so the official table stays exactly what the unit reported.
 */
import {
  check,
  countFindings,
  dec,
  type Evaluation,
  type Finding,
  type Profile,
  plain,
  type ScoreResult,
  score,
} from '@jixiao/core';

export interface Review {
  profile: Profile;
  score: ScoreResult;
  findings: Finding[];
}

export function reviewOf(ev: Evaluation, profile: Profile): Review {
  const s = score(ev, profile);
  return { profile, score: s, findings: check(ev, profile, [], { score: s }) };
}

const STATUS_NAMES: Record<string, string> = {
  scored: '按公式计分',
  qualitative: '定性指标',
  unverifiable: '无分值，无法核算',
  unscorable: '无法按公式计分',
  'not-applicable': '本年度不适用',
};

function percent(v: number | null): string | null {
  return v === null ? null : `${plain(dec(v).times(100))}%`;
}

const SEVERITY_NAMES = { error: '错误', warning: '警告', info: '提示' } as const;

/** A section of the review sheet: a heading, column headings and rows of texts or numbers. */
// The captions avoid the words a form prints (总分, 等级, 执行率 …): an importer reading the
// workbook back must not take Jixiao's figures for the unit's.
export interface ReviewSection {
  heading: string;
  columns: string[];
  rows: (string | number | null)[][];
}

export function reviewSections(ev: Evaluation, review: Review): ReviewSection[] {
  const s = review.score;
  const n = countFindings(review.findings);
  const goalText = new Map(ev.goals.map((g, i) => [g.id, `目标${i + 1}`]));
  return [
    {
      heading: `计分结果（评分规则 ${review.profile.id}：${review.profile.name}）`,
      columns: ['项目', '填报', 'Jixiao 计算', '说明'],
      rows: [
        ['预算执行率（B/A）对照', percent(s.budget.rate.reported), percent(s.budget.rate.computed), null],
        ['预算执行得分对照', s.budget.score.reported, s.budget.score.computed, s.budget.explanation],
        ['绩效指标得分小计', s.totals.indicatorsReported, s.totals.indicatorsComputed, null],
        [
          '总分对照',
          s.totals.reported,
          s.totals.computed,
          s.totals.computedComplete ? null : '部分指标无分值，计算总分中沿用了填报得分',
        ],
        ['分项相加（预算得分 + 各指标得分）', s.totals.reportedSum, null, null],
        ['等级对照', s.grade.reported, s.grade.computed, null],
        ...s.differences.map((d): (string | number | null)[] => [
          `差异：${d.path}`,
          d.reported,
          d.computed,
          d.message,
        ]),
        ...s.notes.map((note): (string | number | null)[] => ['说明', null, null, note]),
      ],
    },
    {
      heading: '各指标计分',
      columns: [
        '序号',
        '所属目标',
        '指标',
        '分值（权重）',
        '填报得分',
        '计算得分',
        '差额',
        '计分方式',
        '计分说明',
      ],
      rows: s.indicators.map((i) => [
        i.index + 1,
        ev.indicators[i.index]?.goal ? (goalText.get(ev.indicators[i.index]!.goal!) ?? null) : null,
        i.name,
        i.weight,
        i.reported,
        i.computed,
        i.difference,
        STATUS_NAMES[i.status] ?? i.status,
        i.explanation,
      ]),
    },
    {
      heading: `复核发现（${n.error} 个错误，${n.warning} 个警告，${n.info} 个提示）`,
      columns: ['严重程度', '规则', '位置', '问题', '依据'],
      rows: review.findings.map((f) => [SEVERITY_NAMES[f.severity], f.code, f.place, f.message, f.basis]),
    },
  ];
}

/** A one-line summary for indexes: reported and computed totals and the finding counts. */
export function reviewSummary(review: Review): {
  reported: string;
  computed: string;
  grade: string;
  errors: number;
  warnings: number;
} {
  const n = countFindings(review.findings);
  const t = review.score.totals;
  return {
    reported: t.reported === null ? '' : plain(t.reported),
    computed: t.computed === null ? '' : plain(t.computed),
    grade: review.score.grade.computed ?? '',
    errors: n.error,
    warnings: n.warning,
  };
}
