/**
 * The document being edited, as a reducer over core's normalised `Evaluation`. Every edit
 * copies only the objects on its path, so an untouched indicator keeps its identity and its
 * memoised grid row does not re-render while another row is typed in.
 */
import { type Evaluation, type Goal, type Indicator, parseValue, type Value } from '@jixiao/core';

export type Path = readonly (string | number)[];

export type EditorAction =
  | { type: 'replace'; doc: Evaluation }
  | { type: 'set'; path: Path; value: unknown }
  /** target / actual: the raw text, parsed at once so scoring sees what the person typed */
  | { type: 'setValue'; index: number; field: 'target' | 'actual'; raw: string }
  | { type: 'addIndicator'; goal: string | null }
  | { type: 'removeIndicator'; index: number }
  | { type: 'moveIndicator'; index: number; direction: -1 | 1 }
  | { type: 'addGoal' }
  | { type: 'removeGoal'; index: number }
  | { type: 'moveGoal'; index: number; direction: -1 | 1 }
  | { type: 'addBudgetLine' }
  | { type: 'removeBudgetLine'; index: number };

/** A copy of `root` with `value` at `path`; objects off the path are shared, not copied. */
export function setIn<T>(root: T, path: Path, value: unknown): T {
  if (path.length === 0) return value as T;
  const [head, ...rest] = path as [string | number, ...(string | number)[]];
  const container = (root ?? (typeof head === 'number' ? [] : {})) as Record<string | number, unknown>;
  const next = setIn(container[head], rest, value);
  if (Array.isArray(container)) {
    const copy = [...container];
    copy[head as number] = next;
    return copy as T;
  }
  const copy: Record<string | number, unknown> = { ...container };
  if (next === undefined) delete copy[head];
  else copy[head] = next;
  return copy as T;
}

export function getIn(root: unknown, path: Path): unknown {
  let cur = root;
  for (const key of path) {
    if (cur === null || typeof cur !== 'object') return undefined;
    cur = (cur as Record<string | number, unknown>)[key];
  }
  return cur;
}

/** `indicators[3].target.raw` → ['indicators', 3, 'target', 'raw']. */
export function parsePath(path: string): (string | number)[] {
  const out: (string | number)[] = [];
  for (const part of path.split('.')) {
    const m = /^([^[\]]*)((?:\[\d+\])*)$/.exec(part);
    if (!m) {
      out.push(part);
      continue;
    }
    if (m[1]) out.push(m[1]);
    for (const idx of (m[2] ?? '').matchAll(/\[(\d+)\]/g)) out.push(Number(idx[1]));
  }
  return out;
}

export function formatPath(path: Path): string {
  let out = '';
  for (const key of path) out += typeof key === 'number' ? `[${key}]` : out === '' ? key : `.${key}`;
  return out;
}

export function emptyValue(): Value {
  return parseValue('');
}

export function emptyIndicator(goal: string | null): Indicator {
  return {
    goal,
    level1: null,
    level2: null,
    name: '',
    target: emptyValue(),
    actual: emptyValue(),
    weight: null,
    score: null,
    deviation: null,
  };
}

/** A goal id not yet used: G1, G2 … (ids are what indicators refer to, so never reuse one). */
export function nextGoalId(goals: readonly Goal[]): string {
  const used = new Set(goals.map((g) => g.id));
  let n = goals.length + 1;
  while (used.has(`G${n}`)) n++;
  return `G${n}`;
}

function swap<T>(list: readonly T[], a: number, b: number): T[] {
  const copy = [...list];
  const x = copy[a] as T;
  copy[a] = copy[b] as T;
  copy[b] = x;
  return copy;
}

/**
 * The rows in the order the grid shows them: grouped by goal in goal order, then the rows
 * whose goal is unknown or absent, each group in document order.
 */
export function groupRows(doc: Evaluation): { goal: Goal | null; rows: number[] }[] {
  const known = new Set(doc.goals.map((g) => g.id));
  const groups: { goal: Goal | null; rows: number[] }[] = doc.goals.map((g) => ({ goal: g, rows: [] }));
  const orphans: number[] = [];
  const byId = new Map(groups.map((g) => [g.goal?.id, g]));
  doc.indicators.forEach((ind, i) => {
    const g = ind.goal !== null && known.has(ind.goal) ? byId.get(ind.goal) : undefined;
    if (g) g.rows.push(i);
    else orphans.push(i);
  });
  if (orphans.length > 0 || groups.length === 0) groups.push({ goal: null, rows: orphans });
  return groups;
}

/** The row next to `index` within its goal group, in the given direction; null at the edge. */
function neighbourInGroup(doc: Evaluation, index: number, direction: -1 | 1): number | null {
  const group = groupRows(doc).find((g) => g.rows.includes(index));
  if (!group) return null;
  const at = group.rows.indexOf(index);
  return group.rows[at + direction] ?? null;
}

export function editorReducer(doc: Evaluation, action: EditorAction): Evaluation {
  switch (action.type) {
    case 'replace':
      return action.doc;
    case 'set':
      return setIn(doc, action.path, action.value);
    case 'setValue':
      return setIn(doc, ['indicators', action.index, action.field], parseValue(action.raw));
    case 'addIndicator': {
      // A new row goes after the last row of its goal, so it appears at the end of its group.
      let at = doc.indicators.length;
      for (let i = doc.indicators.length - 1; i >= 0; i--) {
        if ((doc.indicators[i]?.goal ?? null) === action.goal) {
          at = i + 1;
          break;
        }
      }
      const indicators = [...doc.indicators];
      indicators.splice(at, 0, emptyIndicator(action.goal));
      return { ...doc, indicators };
    }
    case 'removeIndicator':
      return { ...doc, indicators: doc.indicators.filter((_, i) => i !== action.index) };
    case 'moveIndicator': {
      const other = neighbourInGroup(doc, action.index, action.direction);
      if (other === null) return doc;
      return { ...doc, indicators: swap(doc.indicators, action.index, other) };
    }
    case 'addGoal':
      return {
        ...doc,
        goals: [...doc.goals, { id: nextGoalId(doc.goals), text: '', weight: null, outcome: null }],
      };
    case 'removeGoal': {
      const goal = doc.goals[action.index];
      if (!goal) return doc;
      return {
        ...doc,
        goals: doc.goals.filter((_, i) => i !== action.index),
        indicators: doc.indicators.map((ind) => (ind.goal === goal.id ? { ...ind, goal: null } : ind)),
      };
    }
    case 'moveGoal': {
      const other = action.index + action.direction;
      if (other < 0 || other >= doc.goals.length) return doc;
      return { ...doc, goals: swap(doc.goals, action.index, other) };
    }
    case 'addBudgetLine':
      return {
        ...doc,
        budget: {
          ...doc.budget,
          lines: [...doc.budget.lines, { label: '', initial: null, planned: null, executed: null }],
        },
      };
    case 'removeBudgetLine':
      return {
        ...doc,
        budget: { ...doc.budget, lines: doc.budget.lines.filter((_, i) => i !== action.index) },
      };
  }
}

/** How many indicators each goal has (by goal id). */
export function countByGoal(indicators: readonly Indicator[]): Map<string, number> {
  const m = new Map<string, number>();
  for (const i of indicators) if (i.goal) m.set(i.goal, (m.get(i.goal) ?? 0) + 1);
  return m;
}

/** Text typed in a number cell → the number, null when blank, undefined when not a number. */
export function parseNumberText(text: string): number | null | undefined {
  const s = text.trim().replace(/，/g, ',').replace(/,/g, '').replace(/．/g, '.');
  if (s === '') return null;
  if (!/^[-+]?(\d+\.?\d*|\.\d+)$/.test(s)) return undefined;
  const n = Number(s);
  return Number.isFinite(n) ? n : undefined;
}
