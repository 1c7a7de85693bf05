/**
 * The budget block: its title ('预算执行情况(万元)(20分)', '项目资金(万元)'), its header row
 * (年初预算数, 全年预算数, 全年执行数, 分值, 执行率, 得分 … in the form's own order) and its data
 * rows: the total first, then the 其中 breakdown lines. Cells are matched to the header by content,
 * because rows lose empty cells ('年度资金总额: 880 880 880 10 10' has no 执行率).
 */
import { foldText } from '@jixiao/core';
import { budgetRoleOf, isBudgetGroupWord, moneyUnitIn, pointsIn } from '../layout/headers.ts';
import type { BudgetRole } from '../layout/types.ts';
import { alignCells, type Slot } from './align.ts';
import { isBreakdownLabel, isEmptyMark } from './cells.ts';
import type { BudgetRow, Column } from './draft.ts';
import { footerField, isBudgetTitle } from './markers.ts';
import { warn } from './report.ts';
import { type Ctx, isMarker, rowEnd } from './stream.ts';
import { emptyMarkOf, headOf, moneyOfTok, plainNumberOf, type Tok, valueLikeOf } from './tokens.ts';

const DEFAULT_COLUMNS: readonly BudgetRole[] = ['initial', 'planned', 'executed', 'weight', 'rate', 'score'];

// Judged on the token (not its text alone), so that the facts kept on it are asked only once.
function fitFor(role: BudgetRole): (t: Tok) => number {
  switch (role) {
    case 'initial':
    case 'planned':
    case 'executed':
      return (t) => (emptyMarkOf(t) ? 0.5 : moneyOfTok(t).ok ? 1 : -Infinity);
    case 'rate':
      return (t) => {
        if (emptyMarkOf(t)) return 0.5;
        if (/%$/.test(foldText(t.text))) return 1.2;
        const n = plainNumberOf(t);
        if (n === null) return -Infinity;
        // a fraction in a budget row is a rate far more often than a score
        return n <= 1.5 ? 1.1 : 0.2;
      };
    case 'weight':
    case 'score':
      return (t) => {
        if (emptyMarkOf(t)) return 0.5;
        const n = plainNumberOf(t);
        if (n === null || n < 0 || n > 100) return -Infinity;
        // a budget weight is a whole number of points; 0.9 is far more likely a rate
        return role === 'weight' && !Number.isInteger(n) ? 0.3 : 1;
      };
    case 'reason':
      return (t) => (valueLikeOf(t) ? -Infinity : 1);
  }
}

/** A budget line's label: '其中:财政拨款', '上年结转资金', '年度资金总额:' — not a remark ('1.预算执行率=…'). */
function isLineLabel(t: Tok): boolean {
  if (t.empty || valueLikeOf(t) || isEmptyMark(t.text)) return false;
  const k = t.key.replace(/[:：]$/, '');
  if (k.length > 24 || /^\d+[.、]|[=,，;；。]/.test(k)) return false;
  return (
    /^(其中|上年|本年|当年|其他|财政|专户|自有|社会|银行|政府|合计|小计|总额)/.test(k) ||
    /(资金|拨款|总额|合计|小计|收入|经费|支出)$/.test(k)
  );
}

/** What is left of a header word wrapped over two lines: '(B/A)', '(A)', '(万元)'. */
const HEADER_FRAGMENT = /^\((A|B|B\/A|%|万元|元)\)$/;

/**
 * A header row started without its title may have lost words to the line above it (a PDF
 * prints a two-line header cell's first line higher): a row above holding only budget header
 * words joins the header, and the columns are put in their left-to-right order.
 */
function addHeaderWordsAbove(
  toks: Tok[],
  i: number,
  columns: (Column<BudgetRole> & { row: number })[],
): void {
  if (!toks[i]!.positional || columns.length === 0) return;
  let k = i - 1;
  while (k >= 0 && toks[k]!.empty) k--;
  if (k < 0 || toks[k]!.row === toks[i]!.row) return;
  const row = toks[k]!.row;
  const above: Tok[] = [];
  for (let m = k; m >= 0 && toks[m]!.row === row; m--) if (!toks[m]!.empty) above.unshift(toks[m]!);
  if (above.length === 0 || !above.every((t) => budgetRoleOf(t.key) !== null)) return;
  for (const t of above) {
    const role = budgetRoleOf(t.key)!;
    if (!columns.some((c) => c.role === role)) columns.push({ role, col: t.col, row: toks[i]!.row });
  }
  columns.sort((a, b) => (a.col ?? 0) - (b.col ?? 0));
}

/** Markers that, inside a budget block, are its lines: '项目支出', '合计'. */
function isBudgetLineMarker(t: Tok): boolean {
  const field = headOf(t)?.field;
  return field === 'basicTotal' || field === 'projectTotal' || footerField(t.key) === 'total';
}

/** Whether a budget header row without a title starts at i: three or more budget column words. */
export function budgetHeaderAt(toks: Tok[], i: number): boolean {
  const role = budgetRoleOf(toks[i]!.key);
  if (role !== 'initial' && role !== 'planned') return false;
  let more = 0;
  for (let j = i + 1; j < toks.length && more < 2; j++) {
    const t = toks[j]!;
    if (t.empty) continue;
    if (budgetRoleOf(t.key) === null) break;
    more++;
  }
  return more >= 2;
}

/** Reads the budget block from its title (or, without one, its header row) at i; returns the index after it. */
export function readBudget(ctx: Ctx, i: number): number {
  const { toks, form } = ctx;
  const title = toks[i]!;
  const titled = budgetRoleOf(title.key) === null;
  form.budgetSeen = true;
  if (titled) {
    form.budgetTitlePoints = pointsIn(title.key) ?? form.budgetTitlePoints;
    form.moneyUnit = moneyUnitIn(title.key) ?? form.moneyUnit;
  }
  const columns: (Column<BudgetRole> & { row: number })[] = [];
  let j = titled ? i + 1 : i;
  while (j < toks.length) {
    const t = toks[j]!;
    if (t.empty) {
      j++;
      continue;
    }
    const unit = /^\((万元|元|千元)\)$/.exec(t.key);
    if (unit?.[1]) {
      form.moneyUnit = unit[1];
      j++;
      continue;
    }
    if (isBudgetGroupWord(t.key)) {
      form.moneyUnit = moneyUnitIn(t.key) ?? form.moneyUnit;
      j++;
      continue;
    }
    // the rest of a header word wrapped onto the next line: '执行率' / '(B/A)'
    if (HEADER_FRAGMENT.test(t.key) && columns.length > 0) {
      j++;
      continue;
    }
    const role = budgetRoleOf(t.key);
    if (role === null || columns.some((c) => c.role === role)) break;
    columns.push({ role, col: t.col, row: t.row });
    if (role === 'score' || role === 'weight')
      form.budgetTitlePoints = pointsIn(t.key) ?? form.budgetTitlePoints;
    j++;
  }
  if (!titled) addHeaderWordsAbove(toks, i, columns);
  const roles =
    columns.length > 0 ? columns.map((c) => c.role) : (form.layout?.budgetColumns ?? DEFAULT_COLUMNS);
  // header columns can be compared with the data's when the grid keeps true columns
  const oneRow =
    columns.length > 0 &&
    new Set(columns.map((c) => c.col)).size === columns.length &&
    (columns[0]!.col ?? -1) >= 0 &&
    toks[i]!.positional;
  const slots: Slot<BudgetRole>[] = roles.map((role, k) => ({
    role,
    col: oneRow ? (columns[k]?.col ?? null) : null,
    fit: fitFor(role),
  }));
  const firstCol = oneRow ? (columns[0]?.col ?? null) : null;
  while (j < toks.length) {
    const t = toks[j]!;
    if (t.empty) {
      j++;
      continue;
    }
    const unitOnRow = /^\((万元|元|千元)\)$/.exec(t.key);
    if (unitOnRow?.[1]) {
      // the title's second line, '(万元)', printed on a data row (a PDF centres the title)
      form.moneyUnit = unitOnRow[1];
      j++;
      continue;
    }
    if (isBudgetTitle(t.key)) {
      // the block's merged title printed on a data row
      form.budgetTitlePoints = pointsIn(t.key) ?? form.budgetTitlePoints;
      form.moneyUnit = moneyUnitIn(t.key) ?? form.moneyUnit;
      j++;
      continue;
    }
    if (isMarker(t) && !(isLineLabel(t) && isBudgetLineMarker(t))) break;
    const labelled = !valueLikeOf(t) && !isEmptyMark(t.text);
    if (labelled && !isLineLabel(t) && !hasNumbersAfter(toks, j, roles.length)) break;
    const start = labelled ? j + 1 : j;
    const values: Tok[] = [];
    let k = start;
    if (t.stream) {
      while (k < toks.length && values.length < roles.length) {
        const v = toks[k]!;
        if (!v.empty && (isLineLabel(v) || isMarker(v))) break;
        values.push(v);
        k++;
      }
    } else {
      const end = rowEnd(toks, j);
      for (; k < end; k++) values.push(toks[k]!);
    }
    // the label sits in the column before the first value's: '年度资金总额 | 880 | …' under '全年预算数 | …'
    const positional = t.positional && labelled && firstCol !== null;
    const shift = positional ? t.col + 1 - firstCol : 0;
    const aligned = alignCells(values, slots, { positional, shift });
    const row: BudgetRow = { label: labelled ? t.text : '', where: t.where, cells: aligned.cells };
    for (const u of aligned.unused) {
      warn(
        form.report,
        'unused-cell',
        u.where,
        `预算执行情况中的单元格“${u.text}”放不进任何一列，未使用`,
        u.text,
      );
    }
    if (form.budgetTotal === null && form.budgetLines.length === 0 && !isBreakdownLabel(row.label)) {
      form.budgetTotal = row;
    } else form.budgetLines.push(row);
    j = k;
  }
  return j;
}

/** Whether money-like cells follow a label in the next `n` cells of its row or stream. */
function hasNumbersAfter(toks: Tok[], i: number, n: number): boolean {
  const t = toks[i]!;
  const end = t.stream ? Math.min(toks.length, i + 1 + n) : rowEnd(toks, i);
  for (let k = i + 1; k < end; k++) {
    const v = toks[k]!;
    if (!v.empty && moneyOfTok(v).value !== null) return true;
  }
  return false;
}
