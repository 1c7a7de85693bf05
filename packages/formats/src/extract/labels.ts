/**
 * Which 一级 and 二级 govern each indicator row. A merged label keeps its text on one row only,
 * and where that row is depends on the software that wrote the file: the first row of the span
 * (Excel, Word, web pages, most PDFs), the middle of the span (borderless PDFs), or the next page
 * when a page break cut the cell. The rules, each recorded as a repair when it changes a row:
 * - labels carry down to the rows below them, for as long as a known span lasts;
 * - a 一级 lost from its column ('(50分)' only) is inferred from the 二级;
 * - a label printed on a later row applies to the rows above it when the labels carried down
 *   contradict it, or when those rows have none;
 * - in PDFs that centre labels, the labels' places tile the rows into spans centred on them, or,
 *   where they do not fit, a row takes the nearest printed label.
 */
import { belongsTo, inferLevel1, normalizeLabel } from '@jixiao/core';
import type { IndicatorRow, LabelCell } from './draft.ts';
import { type Report, repair, warn } from './report.ts';

/** A label as the form spells it, without spaces and points: '产 出 指 标 (50分)' → '产出指标'. */
export function labelText(cell: LabelCell): string {
  if (cell.label !== undefined) return cell.label;
  const label = normalizeLabel(cell.text).label;
  return label === '' ? cell.text : label;
}

/** '(50分)' printed on the row below its 一级 ('产出指标' / '(50分)', a wrapped or centred cell). */
function pointsOfLabelAbove(rows: IndicatorRow[], idx: number): boolean {
  const above = rows[idx - 1];
  return !!above && above.kind !== 'goal' && !!above.l1 && above.l1.points === null && !rows[idx]!.l1;
}

const INDICATOR_KINDS: ReadonlySet<string> = new Set(['indicator', 'placeholder', 'breakdown']);

/**
 * Labels in a PDF sit at the middle of their merged cell: a label alone on a line lies between
 * the rows it governs, and rows above it belong to it as much as rows below. Within each goal,
 * every row without a label of its own takes the label whose span holds it: spans follow one
 * another, each centred on its label, when the places allow that; otherwise the nearest printed
 * label of each level (the earlier one when two are as near).
 */
function placeCentredLabels(rows: IndicatorRow[], report: Report): void {
  let start = 0;
  while (start < rows.length) {
    let end = start;
    while (end < rows.length && rows[end]!.kind !== 'goal') end++;
    placeInBlock(rows.slice(start, end), report);
    start = end + 1;
  }
}

function placeInBlock(block: IndicatorRow[], report: Report): void {
  if (!block.some((r) => r.kind === 'labels' && r.centred)) return;
  const position = new Map<IndicatorRow, number>();
  let p = 0;
  for (const r of block) {
    if (INDICATOR_KINDS.has(r.kind)) position.set(r, p++);
    else position.set(r, p - 0.5);
  }
  for (const level of ['l1', 'l2'] as const) {
    const printed = block
      .filter((r) => r[level] !== null)
      .map((r) => ({ at: position.get(r)!, cell: r[level]! }));
    if (printed.length === 0) continue;
    const spans = tiling(
      printed.map((c) => c.at),
      p,
    );
    for (const r of block) {
      if (!INDICATOR_KINDS.has(r.kind) || r[level] !== null) continue;
      // a row under a lost 一级 ('(50分)' only) keeps its own reading
      if (level === 'l1' && r.points !== null) continue;
      const at = position.get(r)!;
      let best = printed[0]!;
      for (const c of printed) if (Math.abs(c.at - at) < Math.abs(best.at - at)) best = c;
      const k = spans?.findIndex(([from, to]) => at >= from && at <= to) ?? -1;
      if (k >= 0) best = printed[k]!;
      r[level] = best.cell;
      if (best.at > at && r.kind === 'indicator') {
        const what = level === 'l1' ? '一级指标' : '二级指标';
        repair(
          report,
          'label-moved',
          r.where,
          null,
          `${what}“${labelText(best.cell)}”（印在${best.cell.where}）`,
        );
      }
    }
  }
}

/**
 * The rows each centred label covers, when the labels' places leave one way to cover the rows
 * 0 … n-1 with consecutive spans each centred on its label: the first span starts at row 0 and
 * ends where its centre says, the next starts after it. Null when the places do not fit (rows of
 * different heights move a centre off the middle row), and the nearest label decides.
 */
function tiling(centres: readonly number[], n: number): [number, number][] | null {
  const spans: [number, number][] = [];
  let from = 0;
  for (const [k, c] of centres.entries()) {
    const to = 2 * c - from;
    const next = centres[k + 1];
    if (!Number.isInteger(to) || to < from || c < from || (next !== undefined && to >= next)) return null;
    spans.push([from, to]);
    from = to + 1;
  }
  return from === n ? spans : null;
}

/** Whether a row after `idx` in the same goal prints the 一级 `label`. */
function printedBelow(rows: IndicatorRow[], idx: number, label: string): boolean {
  for (let k = idx + 1; k < rows.length; k++) {
    const r = rows[k]!;
    if (r.kind === 'goal') return false;
    if (r.l1 && labelText(r.l1) === label) return true;
  }
  return false;
}

export interface ResolvedLabels {
  level1: string | null;
  level2: string | null;
}

/**
 * The first label `pick` finds on the two rows after `from`, before any goal row. A module
 * function, not a closure in resolveLabels: a named closure is given its name on every call.
 */
function lookAhead(
  rows: IndicatorRow[],
  from: number,
  pick: (r: IndicatorRow) => string | null,
): { label: string; row: IndicatorRow } | null {
  for (let k = from + 1; k < rows.length && k <= from + 2; k++) {
    const r = rows[k]!;
    if (r.kind === 'goal') return null;
    const label = pick(r);
    if (label !== null) return { label, row: r };
  }
  return null;
}

/**
 * Which 一级 and 二级 govern each indicator row. Labels carry down to the rows below them (a
 * merged cell keeps its text on one row); a 一级 lost from its column is inferred from the 二级;
 * a label printed on a later row of its span is applied to the rows above it when the labels
 * carried down contradict it. Every such decision is recorded as a repair.
 */
export function resolveLabels(
  rows: IndicatorRow[],
  report: Report,
  hasLevel1Column = true,
): Map<IndicatorRow, ResolvedLabels> {
  const out = new Map<IndicatorRow, ResolvedLabels>();
  let l1: string | null = null;
  let l1Lost = false;
  let l2: string | null = null;
  /** a 一级 applied ahead of its row: that row must not reset the 二级 carried to it */
  let movedL1: string | null = null;
  const centred = rows.some((r) => r.centred);
  if (centred) placeCentredLabels(rows, report);
  /** the last row the current merged label covers, where a reader knew the span */
  let l1Until: number | null = null;
  let l2Until: number | null = null;
  rows.forEach((row, idx) => {
    if (row.kind === 'goal') {
      l1 = null;
      l2 = null;
      l1Lost = false;
      movedL1 = null;
      l1Until = null;
      l2Until = null;
      return;
    }
    // past the end of a merged label's span the label no longer governs: the row's label is
    // unknown until a later one tells (a PDF prints a cell split by a page break on the next page)
    if (l1Until !== null && row.rowId > l1Until) {
      l1 = null;
      l2 = null;
      l1Until = null;
      l2Until = null;
    }
    if (l2Until !== null && row.rowId > l2Until) {
      l2 = null;
      l2Until = null;
    }
    if (row.l1) l1Until = row.l1.until;
    if (row.l2) l2Until = row.l2.until;
    else if (row.l1) l2Until = null;
    if (row.blankL1) {
      l1 = null;
      l2 = null;
      l1Lost = false;
      movedL1 = null;
    } else if (row.blankL2) l2 = null;
    if (row.l1) {
      const text = labelText(row.l1);
      // the same 一级 printed again inside its span (a PDF centres merged labels) keeps the 二级
      if (!(movedL1 !== null && movedL1 === text) && text !== l1) l2 = null;
      l1 = text;
      l1Lost = false;
      movedL1 = null;
    } else if (row.points !== null && !pointsOfLabelAbove(rows, idx)) {
      l1 = null;
      l1Lost = true;
      l2 = null;
      movedL1 = null;
    }
    if (row.l2) {
      l2 = labelText(row.l2);
      if (l1 === null) {
        const inferred = inferLevel1(l2);
        if (inferred) {
          repair(report, 'infer-level1', row.l2.where, l1Lost ? '一级指标只剩分值' : null, inferred);
          l1 = inferred;
        }
      } else if (!row.l1 && !belongsTo(l2, l1)) {
        const later = lookAhead(rows, idx, (r) => (r.l1 ? labelText(r.l1) : null));
        const inferred = inferLevel1(l2);
        if (later && belongsTo(l2, later.label)) {
          repair(
            report,
            'label-moved',
            row.where,
            `一级指标“${l1}”`,
            `一级指标“${later.label}”（印在${later.row.where}）`,
          );
          l1 = later.label;
          movedL1 = later.label;
        } else if (inferred && belongsTo(l2, inferred) && (centred || printedBelow(rows, idx, inferred))) {
          // in a PDF the 一级 of the next group may be printed further down, at the middle of its
          // span (and so in markdown converted from one): a 一级 carried down from the group above
          // that contradicts the 二级 gives way
          repair(report, 'infer-level1', row.l2.where, `一级指标“${l1}”`, inferred);
          l1 = inferred;
        }
      }
    }
    if (row.kind !== 'indicator') return;
    if (l1 === null && l2 === null) {
      const later = lookAhead(rows, idx, (r) => (r.l1 ? labelText(r.l1) : r.l2 ? labelText(r.l2) : null));
      if (later) {
        const lab1 = later.row.l1 ? labelText(later.row.l1) : inferLevel1(later.label);
        const lab2 = later.row.l2 ? labelText(later.row.l2) : null;
        repair(
          report,
          'label-moved',
          row.where,
          null,
          `${lab1 ?? ''}/${lab2 ?? ''}（印在${later.row.where}）`,
        );
        l1 = lab1;
        l2 = lab2;
        movedL1 = lab1;
      }
    } else if (l1 !== null && l2 === null && row.l1) {
      const later = lookAhead(rows, idx, (r) => (r.l2 && !r.l1 ? labelText(r.l2) : null));
      if (later && belongsTo(later.label, l1)) {
        repair(
          report,
          'label-moved',
          row.where,
          `${l1}/（空）`,
          `${l1}/${later.label}（印在${later.row.where}）`,
        );
        l2 = later.label;
      }
    }
    if (l1 === null && l2 !== null) {
      const inferred = inferLevel1(l2);
      if (inferred) l1 = inferred;
    }
    if (l1 === null && hasLevel1Column)
      warn(report, 'no-level1', row.where, '无法确定本行的一级指标', row.text);
    out.set(row, { level1: l1, level2: l2 });
  });
  return out;
}
