/**
 * Paths in words, so a reviewer reading a finding knows where to look without knowing the
 * JSON: `indicators[7].level2` → 目标2 / 外贸进出口总额 / 二级指标.
 */
import type { Evaluation } from '../model/evaluation.ts';

const FIELD_WORDS: Record<string, string> = {
  level1: '一级指标',
  level2: '二级指标',
  name: '三级指标',
  target: '目标值',
  actual: '实际完成值',
  weight: '分值',
  score: '得分',
  deviation: '偏差原因',
  rate: '执行率',
  planned: '预算数',
  executed: '执行数',
  initial: '年初预算数',
  basicTotal: '基本支出总额',
  projectTotal: '项目支出总额',
  lines: '资金明细',
  text: '目标内容',
};

const TOP_WORDS: Record<string, string> = {
  totalReported: '总分',
  grade: '自评等级',
  deviationAnalysis: '偏差大或目标未完成原因分析',
  improvementPlan: '改进措施及结果应用方案',
  unit: '单位名称',
  year: '年度',
  project: '项目名称',
  department: '主管部门',
  filledOn: '填报日期',
  budget: '预算执行情况',
  goals: '年度目标',
  indicators: '绩效指标',
};

// /^indicators\[(\d+)\](?:\.(\w+))?/ read by hand, as most findings concern a row:
// `indicators[7].level2` → 7 and "level2".
function rowOf(path: string): { index: number; field: string | undefined } | null {
  const start = 'indicators['.length;
  let i = start;
  while (i < path.length && isDigit(path.charCodeAt(i))) i++;
  if (i === start || path.charCodeAt(i) !== 0x5d) return null;
  const index = Number(path.slice(start, i));
  if (path.charCodeAt(i + 1) !== 0x2e) return { index, field: undefined };
  let j = i + 2;
  while (j < path.length && isWordChar(path.charCodeAt(j))) j++;
  return { index, field: j === i + 2 ? undefined : path.slice(i + 2, j) };
}

const FIELD_LIST = Object.entries(FIELD_WORDS);

/**
 * `FIELD_WORDS[field] ?? field`. The field is a fresh slice of the path, and looking a fresh
 * string up as a key first finds its interned copy: comparing it with the few names is cheaper.
 */
function fieldWord(field: string): string {
  for (const [name, word] of FIELD_LIST) if (name === field) return word;
  return FIELD_WORDS[field] ?? field;
}

function isDigit(c: number): boolean {
  return c >= 0x30 && c <= 0x39;
}

function isWordChar(c: number): boolean {
  return isDigit(c) || (c >= 0x41 && c <= 0x5a) || (c >= 0x61 && c <= 0x7a) || c === 0x5f;
}

// Every finding of every form checked gets a place, and most concern an indicator row: that
// case is built by concatenation, without the general path's list of parts.
export function placeOf(path: string, ev: Evaluation): string {
  if (path === '') return '全表';
  const m = path.startsWith('indicators[') ? rowOf(path) : null;
  if (m) {
    const k = m.index;
    const ind = ev.indicators[k];
    if (!ind) return path;
    let place = ind.name || `第${k + 1}个指标`;
    if (ind.goal !== null && ev.goals.length > 1) {
      const gi = ev.goals.findIndex((g) => g.id === ind.goal);
      if (gi >= 0) place = `目标${gi + 1} / ${place}`;
    }
    return m.field ? `${place} / ${fieldWord(m.field)}` : place;
  }
  const g = /^goals\[(\d+)\](?:\.(\w+))?/.exec(path);
  if (g) {
    const parts = [`目标${Number(g[1]) + 1}`];
    if (g[2]) parts.push(FIELD_WORDS[g[2]] ?? g[2]);
    return parts.join(' / ');
  }
  const b = /^budget(?:\.(\w+))?(?:\[(\d+)\])?/.exec(path);
  if (b) {
    const parts = ['预算执行情况'];
    if (b[1] === 'lines' && b[2] !== undefined) {
      parts.push(ev.budget.lines[Number(b[2])]?.label ?? `第${Number(b[2]) + 1}行`);
    } else if (b[1] === 'score') parts.push('得分');
    else if (b[1] === 'weight') parts.push('分值');
    else if (b[1]) parts.push(FIELD_WORDS[b[1]] ?? b[1]);
    return parts.join(' / ');
  }
  const top = path.split('.')[0] ?? path;
  return TOP_WORDS[top] ?? path;
}
