/**
 * A generated form: what the unit filled in, as printed (cell texts after the damage publishing
 * did to them), with its truth — the canonical evaluation a perfect importer extracts from what
 * is printed, in the shape of ../shared/samples/*.expected.json.
 */
import type { TruthValue } from './values.ts';

export const CORPUS_LAYOUTS = [
  'hubei-department',
  'hubei-project',
  'national-project',
  'sichuan-2023',
] as const;
export type CorpusLayout = (typeof CORPUS_LAYOUTS)[number];

/** What publishing did to a form, recorded so a miss can be traced to its cause. */
export const DAMAGE_KINDS = [
  // cell texts, the same in every format
  'full-width',
  'spaced-label',
  'wrapped-label',
  'truncated',
  'template-prefix',
  'placeholder-rows',
  'breakdown-rows',
  'core-mark',
  'inconsistent-score',
  'inconsistent-total',
  // one format's rendering
  'middle-row-label',
  'shift-right',
  'shift-left',
  'name-first',
  'page-split',
  'glued-values',
  'split-operator',
  'row-broken',
  'numbers-as-numbers',
  'no-rulings',
] as const;
export type DamageKind = (typeof DAMAGE_KINDS)[number];

export interface Damage {
  kind: DamageKind;
  /** where, in the form's own terms: 'G2 产出指标/数量指标/培训次数', '总分' */
  where: string;
  detail?: string;
}

export interface CorpusIndicator {
  /** 0-based goal index */
  goal: number;
  /** standard labels, for the truth */
  level1: string;
  level2: string;
  /** the name a perfect importer reads (prefix stripped, cut where the print cut it) */
  name: string;
  /** the name cell as printed */
  printedName: string;
  /** raw is the printed cell (Sichuan: 指标性质 + 指标值 + 度量单位) */
  target: TruthValue;
  actual: TruthValue;
  /** Sichuan's split cells */
  split?: { op: string; value: string; unit: string; actual: string };
  weight: number | null;
  weightText: string;
  score: number | null;
  scoreText: string;
  /** 偏差原因分析 as printed, null when blank */
  deviation: string | null;
  core: boolean;
}

export type TableRow =
  | { kind: 'indicator'; ind: CorpusIndicator }
  /** a template row left unfilled: '指标2：', '……', '指标1：/' */
  | { kind: 'placeholder'; text: string }
  /** a 其中 row under a count indicator: name, target, actual */
  | { kind: 'breakdown'; name: string; target: string; actual: string };

export interface Level2Block {
  level2: string;
  /** as printed: '经济效益\n指标', '社会公众或服务对象满意度指标' */
  label: string;
  rows: TableRow[];
}

export interface Level1Block {
  level1: string;
  /** as printed: '产出指标', '产出指标\n（50分）', '产 出 指 标 （50分）' */
  label: string;
  level2s: Level2Block[];
}

export interface GoalBlock {
  id: string;
  /** the printed label: '年度目标1：', '年度绩效目标1（80分）' */
  label: string;
  /** as printed (may be cut) */
  text: string;
  weight: number | null;
  outcome: string | null;
  level1s: Level1Block[];
}

export interface BudgetLineSpec {
  /** printed label: '其中：本年财政拨款', '上年结转资金' */
  label: string;
  /** printed cells for initial, planned, executed, rate, weight, score ('' when blank) */
  initial: string;
  planned: string;
  executed: string;
  rate: string;
  weight: string;
  score: string;
}

export interface BudgetSpec {
  /** printed: '部门整体支出总额', '年度资金总额：', '总额' */
  label: string;
  basicTotal: string | null;
  projectTotal: string | null;
  initial: string | null;
  planned: string;
  executed: string;
  rate: string;
  weight: string | null;
  score: string;
  reason: string | null;
  lines: BudgetLineSpec[];
}

export interface CorpusForm {
  id: string;
  seed: number;
  layout: CorpusLayout;
  kind: 'department' | 'project';
  year: number;
  unit: string;
  department: string | null;
  project: string | null;
  /** printed date, or null when the form has none */
  filledOnText: string | null;
  budget: BudgetSpec;
  goals: GoalBlock[];
  /** printed 总分 / 合计 cells */
  totalText: string;
  weightTotalText: string | null;
  /** national forms that put 分值 before 年度指标值 (anhui-project-2023-core-rows) */
  weightFirst: boolean;
  grade: string | null;
  deviationAnalysis: string | null;
  improvementPlan: string | null;
  conclusion: string | null;
  problems: string | null;
  /** the 备注 note under a Hubei project form */
  note: string | null;
  damage: Damage[];
  truth: Truth;
}

export interface Truth {
  kind: 'department' | 'project';
  year: number | null;
  unit: string | null;
  department: string | null;
  project: string | null;
  profile: string;
  filledOn: string | null;
  budget: {
    moneyUnit: string;
    basicTotal?: number | null;
    projectTotal?: number | null;
    initial: number | null;
    planned: number | null;
    executed: number | null;
    rate: number | null;
    weight: number | null;
    score: number | null;
    lines: {
      label: string;
      initial: number | null;
      planned: number | null;
      executed: number | null;
      rate?: number | null;
    }[];
  };
  goals: { id: string; text: string; weight: number | null; outcome: string | null }[];
  indicators: {
    goal?: string | null;
    level1: string;
    level2: string;
    name: string;
    target: TruthValue;
    actual: TruthValue;
    weight: number | null;
    score: number | null;
    deviation: string | null;
    core?: boolean;
  }[];
  totalReported: number | null;
  grade: string | null;
  deviationAnalysis: string | null;
  improvementPlan: string | null;
  conclusion?: string | null;
  problems?: string | null;
}
