/**
 * The indicator table: its header row, and each row read by what its cells contain.
 *
 * A row is read left to right: taxonomy labels (一级/二级) first, then the name, then the values,
 * which are matched to the header's value columns by content (align.ts). Rows come in two kinds
 * of source: rows kept by the reader, where a row is a unit (and a row whose values went on the
 * next line is joined), and streams whose rows were lost, where the name is followed by exactly
 * as many cells as the header has value columns.
 *
 * The labels a row carries are only recorded here; resolveLabels (labels.ts) decides afterwards which 一级
 * and 二级 govern each row, because a merged label may be printed on a later row than the rows
 * it governs.
 */
import { foldText, normalizeLabel } from '@jixiao/core';
import { mayMatchAny } from '../layout/prefilter.ts';
import type { IndicatorRole } from '../layout/types.ts';
import { alignCells, type Slot } from './align.ts';
import {
  compactText,
  isBreakdownLabel,
  isNatureCell,
  isOperatorCell,
  isPlaceholderName,
  joinLines,
  stripTemplatePrefix,
} from './cells.ts';
import {
  type Column,
  type FormDraft,
  type IndicatorRow,
  type LabelCell,
  ROLE_NAMES,
  type RowKind,
} from './draft.ts';
import { repair, warn } from './report.ts';
import { type Ctx, hasContentAfter, isMarker, nextFilled, rowEnd, rowStart } from './stream.ts';
import {
  emptyMarkOf,
  factsOfTok,
  levelOf,
  type NameReading,
  plainNumberOf,
  pointsOf,
  roleOf,
  type Tok,
  valueLikeOf,
  withText,
} from './tokens.ts';

const STRUCTURE_ROLES: ReadonlySet<IndicatorRole> = new Set(['group', 'level1', 'level2', 'name']);

/** Whether an indicator header row starts at token i: a 一级/二级/三级 (or group) word followed by more header words. */
export function indicatorHeaderAt(toks: Tok[], i: number): boolean {
  const role = roleOf(toks[i]!);
  if (role === null || !STRUCTURE_ROLES.has(role)) return false;
  let more = 0;
  let seen = 0;
  for (let j = i + 1; j < toks.length && seen < 8; j++) {
    const t = toks[j]!;
    if (t.empty) continue;
    seen++;
    if (roleOf(t) !== null) more++;
    else break;
  }
  return more >= 2;
}

/** Reads the header row(s) from i; returns the index after them. */
export function readIndicatorHeader(ctx: Ctx, i: number): number {
  const { toks, form } = ctx;
  const cells: Tok[] = [];
  let j = i;
  while (j < toks.length) {
    const t = toks[j]!;
    if (t.empty) {
      j++;
      continue;
    }
    const role = roleOf(t);
    if (role === null) break;
    // a header word already taken is the next header (a new table), not this one's
    if (cells.some((c) => roleOf(c) === role) && role !== 'group') break;
    cells.push(t);
    j++;
  }
  const oneRow = cells.every((c) => c.row === cells[0]!.row) && cells[0]!.positional;
  form.columns = cells.map((c) => ({ role: roleOf(c)!, col: oneRow ? c.col : null }));
  form.headerCells = oneRow ? cells[0]!.rowCells : 0;
  if (!form.columns.some((c) => c.role === 'name')) {
    const fallback = form.layout?.indicatorColumns ?? [
      'level1',
      'level2',
      'name',
      'target',
      'actual',
      'score',
    ];
    form.columns = fallback.map((role) => ({ role, col: null }));
  }
  form.sawIndicators = true;
  return oneRow ? Math.max(j, rowEndOf(toks, cells)) : j;
}

function rowEndOf(toks: Tok[], cells: Tok[]): number {
  const last = cells[cells.length - 1];
  if (!last || last.stream) return 0;
  return rowEnd(toks, toks.indexOf(last));
}

function valueColumns(columns: Column<IndicatorRole>[]): Column<IndicatorRole>[] {
  return columns.filter((c) => !STRUCTURE_ROLES.has(c.role));
}

function colOf(columns: Column<IndicatorRole>[], role: IndicatorRole): number | null {
  return columns.find((c) => c.role === role)?.col ?? null;
}

/** Words of a qualitative value ('已按时完成', '明显提升'), which no 度量单位 holds. */
const ASSESSMENT =
  /完成|达到|达标|提升|提高|改善|降低|按期|按时|如期|有效|良好|合格|明显|显著|实现|建立|发生|保障|符合|到位|及时|规范|满足|落实/;

/** A 度量单位 on its own ('场', '%', '元/平方米'): a cell a row shifted by one put in the 完成值 column. */
const BARE_UNIT =
  /^(%|‰|[个人次场元亩份项户天台套家所座间辆件篇批张本条处名期周月年]{1,2}|万元|亿元|万人|人次|公里|千米|米|平方米|立方米|吨|小时|分钟|个?工作日|元\/[^\d\s]{1,4})$/;

// a value ('95%', '≥10个') starts with no unit: refused by its first character
const MAY_BE_BARE_UNIT = mayMatchAny([BARE_UNIT]);

function isBareUnit(text: string): boolean {
  const t = /\s/.test(text) ? text.replace(/\s/g, '') : text;
  return MAY_BE_BARE_UNIT(t) && BARE_UNIT.test(t);
}

// Judged on the token (not its text alone), so that the facts kept on it are asked only once;
// the readings that run patterns are kept with the text's facts, shared by every form. Each fit
// is one function made at load, not a closure per table.
function fitFor(role: IndicatorRole): (t: Tok) => number {
  switch (role) {
    case 'actual':
      return fitActual;
    case 'weight':
    case 'score':
      return fitScore;
    case 'op':
      return fitOp;
    case 'unit':
      return fitUnit;
    case 'deviation':
      return fitDeviation;
    case 'coefficient':
      return fitCoefficient;
    case 'core':
      return fitCore;
    default:
      return fitAny;
  }
}

function fitActual(t: Tok): number {
  const f = factsOfTok(t);
  let v = f.actualFit;
  if (v === undefined) v = f.actualFit = isBareUnit(f.text) ? 0.2 : 1;
  return v;
}

function fitScore(t: Tok): number {
  const n = plainNumberOf(t);
  return n !== null && n >= 0 && n <= 100 ? 1 : emptyMarkOf(t) ? 0.5 : -Infinity;
}

function fitOp(t: Tok): number {
  const f = factsOfTok(t);
  let v = f.opFit;
  if (v === undefined) v = f.opFit = isOperatorOf(t) || isNatureCell(f.text) ? 1 : -Infinity;
  return v;
}

function fitUnit(t: Tok): number {
  const f = factsOfTok(t);
  let v = f.unitFit;
  if (v === undefined)
    v = f.unitFit =
      !valueLikeOf(t) &&
      f.text.replace(/\s/g, '').length <= 6 &&
      levelOf(t) === null &&
      !ASSESSMENT.test(f.text)
        ? 1
        : -Infinity;
  return v;
}

function fitDeviation(t: Tok): number {
  return plainNumberOf(t) !== null ? 0.3 : 1;
}

function fitCoefficient(t: Tok): number {
  return valueLikeOf(t) ? 1 : emptyMarkOf(t) ? 0.5 : -Infinity;
}

function fitCore(t: Tok): number {
  return /^(是|否|★|☆|√|✓|核心)$/.test(t.text.trim()) ? 1 : -Infinity;
}

function fitAny(): number {
  return 1;
}

/** isOperatorCell of the token's text, found once. */
function isOperatorOf(t: Tok): boolean {
  const f = factsOfTok(t);
  let v = f.operator;
  if (v === undefined) v = f.operator = isOperatorCell(f.text);
  return v;
}

// Rows of one table share their columns: their slots are made once per columns list.
const slotCache = new WeakMap<Column<IndicatorRole>[], Slot<IndicatorRole>[][]>();

// the table being read: asked about row after row with the same columns
let lastColumns: Column<IndicatorRole>[] | null = null;
let lastSlots: Slot<IndicatorRole>[][] = [];

function slotsFor(columns: Column<IndicatorRole>[], positional: boolean): Slot<IndicatorRole>[] {
  if (columns !== lastColumns) {
    let cached = slotCache.get(columns);
    if (cached === undefined) {
      cached = [makeSlots(columns, false), makeSlots(columns, true)];
      slotCache.set(columns, cached);
    }
    lastColumns = columns;
    lastSlots = cached;
  }
  return lastSlots[positional ? 1 : 0]!;
}

function makeSlots(columns: Column<IndicatorRole>[], positional: boolean): Slot<IndicatorRole>[] {
  return valueColumns(columns).map((c) => {
    const slot: Slot<IndicatorRole> = { role: c.role, col: c.col, fit: fitFor(c.role) };
    // when cells left no trace of their columns, two numbers are more likely 分值 and 得分 than
    // a target and an actual: forms leave values blank more often than scores
    if (!positional && c.role === 'score') slot.preference = 0.1;
    if (!positional && c.role === 'weight') slot.preference = 0.05;
    return slot;
  });
}

/** The last row a merged cell covers; null when unknown, or when a page break may continue it. */
function spanEnd(t: Tok): number | null {
  if (t.rowSpan <= 1) return null;
  const end = t.row + t.rowSpan - 1;
  return end >= t.lastRow ? null : end;
}

function labelCell(t: Tok): LabelCell {
  const f = factsOfTok(t);
  let reading = f.label;
  if (reading === undefined) reading = f.label = normalizeLabel(f.text);
  const { label, points } = reading;
  // the label as labels.ts reads it (labelText), found here once rather than for every row it governs
  return { text: t.text, points, where: t.where, until: spanEnd(t), label: label === '' ? t.text : label };
}

/**
 * Empty merged cells starting in the 一级 / 二级 columns of this row: a new label whose text a
 * PDF printed elsewhere (on the next page, when a page break cut the cell).
 */
function blankLabels(
  toks: Tok[],
  from: number,
  to: number,
  columns: Column<IndicatorRole>[],
  shift: number,
): { l1: boolean; l2: boolean } {
  return {
    l1: blankAt(toks, from, to, colOf(columns, 'level1'), shift),
    l2: blankAt(toks, from, to, colOf(columns, 'level2'), shift),
  };
}

function blankAt(toks: Tok[], from: number, to: number, col: number | null, shift: number): boolean {
  if (col === null) return false;
  for (let k = from; k < to; k++) {
    const t = toks[k]!;
    if (t.empty && t.rowSpan > 1 && t.positional && t.col - shift === col) return true;
  }
  return false;
}

function rowText(toks: Tok[]): string {
  let out = '';
  let first = true;
  for (const t of toks) {
    if (t.empty) continue;
    const text = t.text.includes('\n') ? t.text.replace(/\n/g, ' ') : t.text;
    out = first ? text : `${out} | ${text}`;
    first = false;
  }
  return out;
}

interface Labels {
  l1: LabelCell | null;
  l2: LabelCell | null;
  points: number | null;
  count: number;
  blankL1?: boolean;
  blankL2?: boolean;
}

/** The labels at the start of `filled`: up to two taxonomy labels and a points marker. */
function leadingLabels(filled: Tok[]): Labels {
  const out: Labels = { l1: null, l2: null, points: null, count: 0 };
  const found: Tok[] = [];
  for (const t of filled) {
    // the merged '年度绩效指标' column printed on a data row (a PDF centres it on its span)
    if (out.count === found.length + (out.points === null ? 0 : 1) && roleOf(t) === 'group') {
      out.count++;
      continue;
    }
    const p = pointsOf(t);
    if (p !== null) {
      out.points = p;
      out.count++;
      continue;
    }
    if (found.length < 2 && levelOf(t) !== null) {
      found.push(t);
      out.count++;
      continue;
    }
    break;
  }
  if (found.length === 2) {
    out.l1 = labelCell(found[0]!);
    out.l2 = labelCell(found[1]!);
  } else if (found.length === 1) {
    if (levelOf(found[0]!) === 'level1') out.l1 = labelCell(found[0]!);
    else out.l2 = labelCell(found[0]!);
  }
  if (out.points !== null && out.l1) {
    out.l1.points = out.l1.points ?? out.points;
    out.points = null;
  }
  return out;
}

/** A short cell ending the way 二级 labels do, though not a standard one ('公共安全目标'). */
function labelish(text: string): boolean {
  const t = text.replace(/\s/g, '');
  return t.length <= 12 && /(指标|目标)$/.test(t);
}

function pushLabelsRow(
  ctx: Ctx,
  labels: Labels,
  where: string,
  text: string,
  rowId: number,
  centred = false,
): void {
  const rows = ctx.form.rows;
  const prev = rows[rows.length - 1];
  // '满意度指标' then '(10分)' on the next line: the points belong to the label above
  if (
    !labels.l1 &&
    !labels.l2 &&
    labels.points !== null &&
    prev?.kind === 'labels' &&
    prev.l1 &&
    !prev.l2 &&
    prev.l1.points === null
  ) {
    prev.l1.points = labels.points;
    return;
  }
  rows.push({
    kind: 'labels',
    rowId,
    where,
    text,
    l1: labels.l1,
    l2: labels.l2,
    points: labels.points,
    name: null,
    cells: {},
    goal: ctx.form.currentGoal,
    centred,
    blankL1: false,
    blankL2: false,
  });
}

/**
 * Reads one indicator row starting at token i (the first filled cell of a row, or of a record
 * in a stream) and returns the index where reading goes on.
 */
export function readIndicatorRow(ctx: Ctx, i: number): number {
  const first = ctx.toks[i]!;
  noticePageSplit(ctx, first);
  return first.stream ? readStreamRecord(ctx, i) : readRow(ctx, i);
}

function noticePageSplit(ctx: Ctx, first: Tok): void {
  const { form } = ctx;
  if (form.lastIndicatorGrid !== null && first.grid !== form.lastIndicatorGrid) {
    repair(
      form.report,
      'join-page-split',
      first.where,
      `表格在此处分页，续表从第${first.grid + 1}个表格开始`,
      '续表的行接在上一页的指标之后',
    );
  }
  form.lastIndicatorGrid = first.grid;
}

/**
 * Whether the row after a name-only row holds that name's values. A first cell that looks like a
 * value says so; a first cell of words or a range ('有效提升', '85%至90%', '10个工作日内') does when
 * the row is no longer than the value columns, ends in a number (分值 or 得分) and starts with no
 * label: an indicator of its own would need its name in front of as many values.
 */
function wrappedValues(first: Tok, rowToks: Tok[], valueSlots: number): boolean {
  if (valueLikeOf(first)) return true;
  // only text breaks a row at a line break; a PDF's next row of words is a row of its own
  if (!first.cuttable) return false;
  const filled = rowToks.filter((t) => !t.empty);
  const last = filled[filled.length - 1];
  if (filled.length < 2 || filled.length > valueSlots || !last) return false;
  if (plainNumberOf(last) === null) return false;
  return leadingLabels(filled).count === 0;
}

function readRow(ctx: Ctx, i: number): number {
  const { toks, form } = ctx;
  const columns = form.columns ?? [];
  // from i, not from the row's start: cells before i (a header field) were read already
  let end = rowEnd(toks, i);
  const rowToks = toks.slice(i, end);
  const filled = rowToks.filter((t) => !t.empty);
  const labels = leadingLabels(filled);
  const rest = filled.slice(labels.count);
  const text = rowText(rowToks);
  const where = filled[0]?.where ?? toks[i]!.where;
  if (rest.length === 0) {
    pushLabelsRow(ctx, labels, where, text, toks[i]!.row, filled[0]?.centred ?? false);
    return end;
  }
  const positional = rest[0]!.positional;
  const nameCol = colOf(columns, 'name');
  const slots = slotsFor(columns, positional);

  // Reading A: the first cell after the labels is the name. Reading B: it is a 二级 the taxonomy
  // does not know ('公共安全目标'), and the name follows it. B wins only when it places every cell.
  let nameTok = rest[0]!;
  let l2 = labels.l2;
  let values = cellsAfter(rowToks, nameTok);
  let aligned = alignCells(values, slots, { positional, shift: shiftOf(positional, nameCol, nameTok) });
  const second = rest[1];
  if (!l2 && second && !valueLikeOf(rest[0]!) && !valueLikeOf(second)) {
    const l2Col = colOf(columns, 'level2');
    const l1Shift = labels.l1 && positional ? l1ShiftOf(columns, filled[0]!) : 0;
    const atL2 = positional && l2Col !== null && rest[0]!.col - l1Shift === l2Col;
    if (labelish(rest[0]!.text) || atL2) {
      const valuesB = cellsAfter(rowToks, second);
      const alignedB = alignCells(valuesB, slots, {
        positional,
        shift: shiftOf(positional, nameCol, second),
      });
      if (alignedB.unused.length < aligned.unused.length) {
        l2 = labelCell(rest[0]!);
        nameTok = second;
        values = valuesB;
        aligned = alignedB;
      }
    }
  }

  // a row whose values went on the next line ('扶持发展新型农业经营主体 (个) |' / '15 | 6 | 8.0 | |')
  const hasValues = values.some((t) => !t.empty);
  if (!hasValues && end < toks.length) {
    const j = nextFilled(toks, end);
    const nextTok = toks[j];
    const nextEnd = nextTok ? rowEnd(toks, j) : j;
    const nextToks = nextTok ? toks.slice(rowStart(toks, j), nextEnd) : [];
    if (nextTok && !nextTok.stream && !isMarker(nextTok) && wrappedValues(nextTok, nextToks, slots.length)) {
      repair(
        form.report,
        'join-wrapped-row',
        nextTok.where,
        `${text} / ${rowText(nextToks)}`,
        rowText([...rowToks, ...nextToks]),
      );
      values = [...values, ...nextToks];
      aligned = alignCells(values, slots, { positional: false, shift: 0 });
      end = nextEnd;
    }
  }

  const repaired = repairGlued(ctx, values, slots);
  if (repaired !== values) {
    values = repaired;
    aligned = alignCells(values, slots, { positional: false, shift: 0 });
  }

  const blank = blankLabels(toks, rowStart(toks, i), end, columns, shiftOf(positional, nameCol, nameTok));
  const row = buildRow(ctx, {
    labels: {
      l1: labels.l1,
      l2,
      points: labels.points,
      count: labels.count,
      blankL1: blank.l1 && !labels.l1,
      blankL2: blank.l2 && !l2,
    },
    nameTok,
    cells: aligned.cells,
    where,
    text,
    atEnd: nameTok.cuttable && !hasContentAfter(toks, end),
  });
  if (row?.kind === 'indicator') {
    for (const t of aligned.unused) {
      warn(form.report, 'unused-cell', t.where, `单元格“${t.text}”放不进本行的任何一列，未使用`, t.text);
    }
    noteShift(ctx, row, nameTok, aligned.cells, nameTok.rowCells, text);
  }
  return end;
}

/** The row's cells after `tok`. */
function cellsAfter(rowToks: Tok[], tok: Tok): Tok[] {
  return rowToks.slice(rowToks.indexOf(tok) + 1);
}

/** How far a positional row sits off its header, judged by its name cell. */
function shiftOf(positional: boolean, nameCol: number | null, name: Tok): number {
  return positional && nameCol !== null ? name.col - nameCol : 0;
}

function l1ShiftOf(columns: Column<IndicatorRole>[], l1Tok: Tok): number {
  const col = colOf(columns, 'level1');
  return col === null ? 0 : l1Tok.col - col;
}

/** Records the columns a complete row was read back into, when its cells sat off their header. */
function noteShift(
  ctx: Ctx,
  row: IndicatorRow,
  nameTok: Tok,
  cells: Partial<Record<IndicatorRole, Tok>>,
  rowCells: number,
  text: string,
): void {
  const { form } = ctx;
  const columns = form.columns ?? [];
  if (!nameTok.positional || form.headerCells === 0 || rowCells < form.headerCells) return;
  const nameCol = colOf(columns, 'name');
  if (nameCol === null) return;
  let delta = nameTok.col - nameCol;
  if (delta === 0) {
    for (const c of valueColumns(columns)) {
      const t = cells[c.role];
      if (t && !t.empty && c.col !== null && t.col !== c.col) {
        delta = t.col - c.col;
        break;
      }
    }
  }
  if (delta === 0) return;
  const placed = [`${ROLE_NAMES.name}=${row.name ?? ''}`];
  for (const c of valueColumns(columns)) {
    const t = cells[c.role];
    if (t && !t.empty) placed.push(`${ROLE_NAMES[c.role]}=${t.text}`);
  }
  repair(form.report, delta < 0 ? 'shift-left' : 'shift-right', row.where, text, placed.join('；'));
}

/** A record in a stream: labels, the name, then as many cells as the header has value columns. */
function readStreamRecord(ctx: Ctx, i: number): number {
  const { toks, form } = ctx;
  const columns = form.columns ?? [];
  const slots = slotsFor(columns, true);
  const labelToks: Tok[] = [];
  let j = i;
  while (j < toks.length) {
    const t = toks[j]!;
    if (t.empty) {
      j++;
      continue;
    }
    if (levelOf(t) !== null || pointsOf(t) !== null || roleOf(t) === 'group') {
      labelToks.push(t);
      j++;
      continue;
    }
    break;
  }
  const labels = leadingLabels(labelToks);
  const nameTok = toks[j];
  const where = toks[i]!.where;
  if (!nameTok || nameTok.empty || isMarker(nameTok)) {
    pushLabelsRow(ctx, labels, where, rowText(labelToks), toks[i]!.row);
    return j;
  }
  j++;
  const values: Tok[] = [];
  while (values.length < slots.length && j < toks.length) {
    const t = toks[j]!;
    if (!t.empty && (levelOf(t) !== null || pointsOf(t) !== null || isMarker(t))) break;
    values.push(t);
    j++;
  }
  const aligned = alignCells(values, slots, { positional: false, shift: 0 });
  const all = [...labelToks, nameTok, ...values];
  const row = buildRow(ctx, {
    labels,
    nameTok,
    cells: aligned.cells,
    where,
    text: rowText(all),
    atEnd: nameTok.cuttable && !hasContentAfter(toks, j),
  });
  if (row?.kind === 'indicator') {
    for (const t of aligned.unused) {
      warn(form.report, 'unused-cell', t.where, `单元格“${t.text}”放不进本行的任何一列，未使用`, t.text);
    }
  }
  return j;
}

/**
 * Two values in one cell: '≥12次19次', '100%100%', '93% 3', '不少于9300人14694人', '7公里以上4.1公里',
 * '5个工作日 2' (the gap between two cells lost).
 */
const GLUED =
  /^((?:不少于|不低于|不高于|不超过|不多于|不大于|不小于|[≥≤><=])?\d+(?:\.\d+)?(?:%|个?工作日|[^\d\s.≥≤><=%年月日号:/-]{1,4})(?:以上|以下|以内)?)\s*([≥≤><=]?\d+(?:\.\d+)?(?:%|[^\d\s.≥≤><=%年月日号:/-]{1,3})?)$|^([≥≤><=]?\d+(?:\.\d+)?)\s+([≥≤><=]?\d+(?:\.\d+)?(?:%|[^\d\s.≥≤><=%年月日号:/-]{1,3})?)$/;

function part(t: Tok, text: string, offset: number): Tok {
  return withText(t, text, compactText(text), t.col + offset);
}

function isOperatorTok(t: Tok): boolean {
  return !t.empty && isOperatorOf(t);
}

/**
 * Undoes two kinds of gluing in a row's value cells: an operator alone in a cell before its
 * value when the layout has no 指标性质 column ('≥' | '90%'), and two values run together in
 * one cell when the row has a column too few. Returns `values` itself when nothing changed.
 */
function repairGlued(ctx: Ctx, values: Tok[], slots: Slot<IndicatorRole>[]): Tok[] {
  const report = ctx.form.report;
  let out = values;
  if (!slots.some((s) => s.role === 'op') && values.some(isOperatorTok)) {
    const merged: Tok[] = [];
    // The next filled cell after each one, found in one pass: a row of tens of thousands of
    // cells (a damaged file) must not cost a search per cell.
    const nextFilled: number[] = new Array(out.length).fill(-1);
    for (let k = out.length - 2; k >= 0; k--) nextFilled[k] = out[k + 1]!.empty ? nextFilled[k + 1]! : k + 1;
    for (let k = 0; k < out.length; k++) {
      const t = out[k]!;
      const at = nextFilled[k]!;
      const next = at >= 0 ? out[at] : undefined;
      if (!t.empty && isOperatorOf(t) && next && valueLikeOf(next) && !isOperatorOf(next)) {
        const text = t.text.trim() + next.text.trim();
        repair(report, 'join-split-operator', t.where, `${t.text} | ${next.text}`, text);
        merged.push(part(t, text, 0));
        k = at;
        continue;
      }
      merged.push(t);
    }
    if (merged.length !== out.length) out = merged;
  }
  const numeric = slots.filter((s) => s.role !== 'deviation' && s.role !== 'unit' && s.role !== 'op').length;
  const filled = out.filter((t) => !t.empty);
  // a 偏差原因 sentence at the end of the row is no value: it must not hide a missing one
  const lastFilled = filled[filled.length - 1];
  const sentence =
    slots.some((s) => s.role === 'deviation') &&
    lastFilled !== undefined &&
    !valueLikeOf(lastFilled) &&
    compactText(lastFilled.text).length > 6
      ? 1
      : 0;
  if (filled.length - sentence >= numeric) return out;
  const split: Tok[] = [];
  let changed = false;
  for (const t of out) {
    const m = t.empty ? null : GLUED.exec(foldText(t.text));
    const a = m?.[1] ?? m?.[3];
    const b = m?.[2] ?? m?.[4];
    if (a && b && filled.length - sentence + (changed ? 1 : 0) < numeric) {
      repair(report, 'split-glued-values', t.where, t.text, `${a} | ${b}`);
      split.push(part(t, a, 0), part(t, b, 1));
      changed = true;
    } else split.push(t);
  }
  return changed ? split : out;
}

interface RowParts {
  labels: Labels;
  nameTok: Tok;
  cells: Partial<Record<IndicatorRole, Tok>>;
  where: string;
  text: string;
  atEnd: boolean;
}

function buildRow(ctx: Ctx, p: RowParts): IndicatorRow | null {
  const { form } = ctx;
  const reading = nameOf(p.nameTok);
  const rawName = reading.raw;
  let filledValues = 0;
  for (const role in p.cells) {
    const t = p.cells[role as IndicatorRole];
    if (t && !t.empty) filledValues++;
  }
  if (reading.kind === 'placeholder') {
    warn(form.report, 'placeholder-row', p.where, '模板的空白指标行，不是指标', p.text);
    return pushRow(form, p, 'placeholder', null);
  }
  if (reading.kind === 'breakdown') {
    warn(form.report, 'breakdown-row', p.where, '“其中”明细行，是上一指标的分项，不计为指标', p.text);
    return pushRow(form, p, 'breakdown', rawName);
  }
  if (filledValues === 0 && p.atEnd) {
    warn(form.report, 'truncated', p.where, '文本在此中断，本行及其后的内容缺失', p.text);
    if (p.labels.l1 || p.labels.l2 || p.labels.points !== null)
      pushLabelsRow(ctx, p.labels, p.where, p.text, p.nameTok.row);
    return null;
  }
  const name = reading.name;
  if (name !== rawName) repair(form.report, 'strip-prefix', p.where, rawName, name);
  return pushRow(form, p, 'indicator', name);
}

/** The name cell's reading, found once per text (names repeat from form to form). */
function nameOf(t: Tok): NameReading {
  const f = factsOfTok(t);
  let v = f.name;
  if (v === undefined) {
    const raw = joinLines(f.text).trim();
    const kind = isPlaceholderName(raw) ? 'placeholder' : isBreakdownLabel(raw) ? 'breakdown' : 'indicator';
    v = f.name = { raw, kind, name: kind === 'indicator' ? stripTemplatePrefix(raw) : raw };
  }
  return v;
}

// one literal of one shape for every row: spreading a base object per row cost more than the row
function pushRow(form: FormDraft, p: RowParts, kind: RowKind, name: string | null): IndicatorRow {
  const row: IndicatorRow = {
    kind,
    rowId: p.nameTok.row,
    where: p.where,
    text: p.text,
    l1: p.labels.l1,
    l2: p.labels.l2,
    points: p.labels.points,
    name,
    cells: p.cells,
    goal: form.currentGoal,
    centred: false,
    blankL1: p.labels.blankL1 === true,
    blankL2: p.labels.blankL2 === true,
  };
  form.rows.push(row);
  return row;
}
