/**
 * What an import tells about itself: every repair it made and every doubt it has, each with
 * the place in the source. Codes are stable for programs; messages are for people, in Chinese.
 */
import type { ImportWarning, Repair } from '@jixiao/core';

export type { ImportWarning, Repair };

/** Stable codes of import warnings. */
export const WARNING_CODES = [
  /** no known layout: read with the generic rules */
  'unknown-layout',
  /** the text ends inside the table: what follows the last complete row is missing */
  'truncated',
  /** a template row with no indicator ('指标2:', '……', '/') */
  'placeholder-row',
  /** a '其中…' row breaking down the indicator above it */
  'breakdown-row',
  /** a cell that fitted no column of its row */
  'unused-cell',
  /** a row that could not be understood */
  'unreadable-row',
  /** a score, weight or money cell that is not a number */
  'not-a-number',
  /** an execution rate without '%' above 1.5, read as a percentage */
  'rate-without-percent',
  /** a goal label without goal text */
  'goal-without-text',
  /** indicator rows without a header row: read with the layout's columns */
  'no-indicator-header',
  /** the 合计 row holds the sum of the weights, not a score */
  'total-is-weight-sum',
  /** the 一级 of an indicator could not be determined */
  'no-level1',
  /** a cell still holds the template's instructions */
  'template-text',
  /** a money cell written in another unit than the block's */
  'money-unit',
] as const;
export type WarningCode = (typeof WARNING_CODES)[number];

/** Stable kinds of repairs. */
export const REPAIR_KINDS = [
  /** a label or header word split over two cells or lines, joined */
  'join-wrapped-cell',
  /** a row whose values went on the next line, joined */
  'join-wrapped-row',
  /** cells moved one or more columns left of their header, put back */
  'shift-left',
  /** cells moved right of their header, put back */
  'shift-right',
  /** a merged label printed on a later row, applied to the rows it governs */
  'label-moved',
  /** a 一级 lost from its column, inferred from the 二级 */
  'infer-level1',
  /** a table split by a page break, joined with the part before it */
  'join-page-split',
  /** a template prefix ('指标1:') removed from a name */
  'strip-prefix',
  /** two values glued into one cell, split */
  'split-glued-values',
  /** an operator alone in the cell before its value, joined to it */
  'join-split-operator',
  /** Jixiao's own 计分与复核 sheet left out of an xlsx (recomputed, not read) */
  'skip-computed-sheet',
] as const;
export type RepairKind = (typeof REPAIR_KINDS)[number];

export interface Report {
  repairs: Repair[];
  warnings: ImportWarning[];
}

export function newReport(): Report {
  return { repairs: [], warnings: [] };
}

export function repair(
  report: Report,
  kind: RepairKind,
  where: string,
  before: string | null,
  after: string | null,
): void {
  report.repairs.push({ kind, where, before, after });
}

export function warn(report: Report, code: WarningCode, where: string, message: string, text?: string): void {
  const w: ImportWarning = { code, where, message };
  if (text !== undefined) w.text = text;
  report.warnings.push(w);
}
