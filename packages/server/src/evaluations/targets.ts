/**
 * Targets first (绩效目标申报 → 自评): once targets are approved, a self-evaluation made from
 * them may fill in actual values, scores and explanations, but not the goals, the indicators,
 * their targets or their weights. Changing those is an adjustment (目标调整) the reviewer approves.
 */
import { type Evaluation, type Finding, type Goal, type Indicator, placeOf } from '@jixiao/core';

export interface TargetDifference {
  path: string;
  message: string;
}

function q(s: string | null | undefined): string {
  return s === null || s === undefined || s === '' ? '（空）' : `“${s}”`;
}

function num(n: number | null): string {
  return n === null ? '（未填）' : String(n);
}

/** Every way `form` departs from the approved `targets`; empty when the locked parts agree. */
export function targetDifferences(targets: Evaluation, form: Evaluation): TargetDifference[] {
  const out: TargetDifference[] = [];
  if (form.goals.length !== targets.goals.length) {
    out.push({
      path: 'goals',
      message: `年度目标有 ${form.goals.length} 个，批复的绩效目标有 ${targets.goals.length} 个。`,
    });
  }
  targets.goals.forEach((t: Goal, i) => {
    const g = form.goals[i];
    if (!g) return;
    if (g.id !== t.id || g.text !== t.text) {
      out.push({ path: `goals[${i}].text`, message: `第${i + 1}个年度目标由${q(t.text)}改为${q(g.text)}。` });
    }
    if (g.weight !== t.weight) {
      out.push({
        path: `goals[${i}].weight`,
        message: `第${i + 1}个年度目标的分值由 ${num(t.weight)} 改为 ${num(g.weight)}。`,
      });
    }
  });
  if (form.indicators.length !== targets.indicators.length) {
    out.push({
      path: 'indicators',
      message: `绩效指标有 ${form.indicators.length} 个，批复的绩效目标有 ${targets.indicators.length} 个。`,
    });
  }
  targets.indicators.forEach((t: Indicator, i) => {
    const f = form.indicators[i];
    if (!f) return;
    const where = `第${i + 1}个绩效指标${q(t.name)}`;
    if (f.name !== t.name || f.goal !== t.goal || f.level1 !== t.level1 || f.level2 !== t.level2) {
      out.push({
        path: `indicators[${i}].name`,
        message: `${where}被改为 ${[f.level1, f.level2, f.name].map(q).join(' / ')}。`,
      });
    }
    if (f.target.raw !== t.target.raw) {
      out.push({
        path: `indicators[${i}].target`,
        message: `${where}的目标值由${q(t.target.raw)}改为${q(f.target.raw)}。`,
      });
    }
    if (f.weight !== t.weight) {
      out.push({
        path: `indicators[${i}].weight`,
        message: `${where}的分值由 ${num(t.weight)} 改为 ${num(f.weight)}。`,
      });
    }
  });
  return out;
}

/**
 * The form with the targets' goals and indicators put in, keeping what the unit filled in
 * (actual, score, deviation, grade) for each indicator that is still there (same goal and name).
 */
export function applyTargets(form: Evaluation, targets: Evaluation): Evaluation {
  const filled = new Map(form.indicators.map((i) => [`${i.goal ?? ''}\u0000${i.name}`, i]));
  const indicators = targets.indicators.map((t): Indicator => {
    const own = filled.get(`${t.goal ?? ''}\u0000${t.name}`);
    if (!own)
      return { ...t, actual: { raw: '', op: null, value: null, unit: null, kind: 'empty' }, score: null };
    const out: Indicator = { ...t, actual: own.actual, score: own.score, deviation: own.deviation };
    if (own.grade !== undefined) out.grade = own.grade;
    if (own.applicable !== undefined) out.applicable = own.applicable;
    return out;
  });
  return { ...form, goals: targets.goals.map((g) => ({ ...g })), indicators };
}

/** A self-evaluation started from approved targets: their document with nothing filled in yet. */
export function selfEvaluationFrom(targets: Evaluation): Evaluation {
  return {
    ...targets,
    indicators: targets.indicators.map((t) => ({
      ...t,
      actual: { raw: '', op: null, value: null, unit: null, kind: 'empty' },
      score: null,
      deviation: null,
    })),
    totalReported: null,
    grade: null,
  };
}

const BASIS = '绩效目标经批复后作为自评依据，调整须申请并经财政审核（目标调整）';

/** The findings the service adds beside core's checks: how a form stands to its targets. */
export function targetFindings(targets: Evaluation | null, form: Evaluation): Finding[] {
  if (targets === null) {
    return [
      {
        code: 'targets-not-approved',
        severity: 'info',
        class: 'target-quality',
        message: '该自评表没有经批复的绩效目标（例如由文件导入），无法核对目标与批复是否一致。',
        path: '',
        place: '全表',
        basis: BASIS,
      },
    ];
  }
  return targetDifferences(targets, form).map((d) => ({
    code: 'targets-changed',
    severity: 'error',
    class: 'target-quality',
    message: `与批复的绩效目标不一致：${d.message}`,
    path: d.path,
    place: placeOf(d.path, form),
    basis: BASIS,
  }));
}
