/**
 * Where a document path lives on the page: each editable field has an element id, so a finding
 * (`indicators[3].actual`), a comment or a validation error can move the focus to its cell.
 */
import { parsePath } from './editorState.ts';

const INDICATOR_COLUMNS = new Set([
  'level1',
  'level2',
  'name',
  'target',
  'actual',
  'weight',
  'score',
  'deviation',
]);
const GOAL_FIELDS = new Set(['text', 'weight', 'outcome']);
const BUDGET_FIELDS = new Set([
  'basicTotal',
  'projectTotal',
  'initial',
  'planned',
  'executed',
  'rate',
  'weight',
  'score',
]);
const LINE_FIELDS = new Set(['label', 'initial', 'planned', 'executed']);

export const cellId = (row: number, column: string) => `cell-${row}-${column}`;
export const goalId = (index: number, field: string) => `goal-${index}-${field}`;
export const budgetId = (field: string) => `budget-${field}`;
export const lineId = (index: number, field: string) => `budget-line-${index}-${field}`;
export const fieldId = (field: string) => `field-${field}`;

/** The id of the element a path points at, the nearest one that exists when the path is deeper. */
export function elementIdFor(path: string): string | null {
  const p = parsePath(path);
  const [head, a, b] = p;
  if (head === 'indicators') {
    if (typeof a !== 'number') return 'indicator-grid';
    // indicators[3] itself, or a field the grid does not edit (goal, grade): its name cell
    return cellId(a, typeof b === 'string' && INDICATOR_COLUMNS.has(b) ? b : 'name');
  }
  if (head === 'goals') {
    if (typeof a !== 'number') return 'goals';
    return goalId(a, typeof b === 'string' && GOAL_FIELDS.has(b) ? b : 'text');
  }
  if (head === 'budget') {
    if (a === 'lines') {
      if (typeof b !== 'number') return 'budget-lines';
      const f = p[3];
      return lineId(b, typeof f === 'string' && LINE_FIELDS.has(f) ? f : 'label');
    }
    if (typeof a === 'string' && BUDGET_FIELDS.has(a)) return budgetId(a);
    return 'budget';
  }
  if (typeof head === 'string' && head !== '') return fieldId(head);
  return null;
}

/** Scrolls to the element of `path` and focuses it (or the first input inside it). */
export function focusPath(path: string): boolean {
  const id = elementIdFor(path);
  let el = id ? document.getElementById(id) : null;
  if (!el && id?.startsWith('cell-')) el = document.getElementById('indicator-grid');
  if (!el) return false;
  el.scrollIntoView({ block: 'center', behavior: 'auto' });
  const target = el.matches('input, textarea, select, button')
    ? el
    : el.querySelector<HTMLElement>('input, textarea, select');
  (target ?? el).focus({ preventScroll: true });
  return true;
}
