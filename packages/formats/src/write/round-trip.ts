/**
 * Round trips: an evaluation exported in a layout and format, read back by the importer and
 * judged field by field against what was exported. The exporter's promise is that the importer
 * reads its files back as they were written; where the importer cannot yet, the difference
 * must be one of the known importer gaps below, each named with its reason, so that a new
 * difference fails the tests and a fixed gap is noticed (its count drops to zero).
 */
import type { Evaluation } from '@jixiao/core';
import { type Comparison, compareWithExpected, type FieldMismatch } from '../extract/compare.ts';
import { importBytes } from '../import.ts';
import { type ExportFormat, exportEvaluation, formTable } from './export.ts';
import type { PdfRenderer } from './pdf.ts';

/**
 * Importer gaps met when reading Jixiao's own exports back (see the report in docs/export.md),
 * by name with their reason; `explain` recognises each in a difference. None is left: the last,
 * a space inside a name ("主体 (个)") lost in a PDF cell, closed when the PDF reader learned to
 * tell a typed space from the air word processors put between Chinese and Latin text.
 */
export const KNOWN_GAPS: Readonly<Record<string, string>> = {};
export type KnownGap = keyof typeof KNOWN_GAPS;

export interface RoundTrip {
  /** the file written */
  bytes: Uint8Array;
  /** what the importer read, or why it read nothing */
  imported: Evaluation | null;
  problem: string | null;
  /** how many forms the importer found in the file */
  forms: number;
  comparison: Comparison;
  /** differences not explained by a known gap */
  unexplained: FieldMismatch[];
  /** differences explained by a known gap, by gap (only the gaps met) */
  gaps: Record<KnownGap, number>;
}

/** What the importer should read back: the evaluation without its import record. */
export function expectedOf(ev: Evaluation, layoutProfile: string): Record<string, unknown> {
  const { import: _import, ...rest } = ev;
  // a form does not print its scoring profile: the importer names the layout's
  return { ...rest, profile: ev.profile ?? layoutProfile };
}

/** The known gap that explains a difference, or null: with none listed, every difference is new. */
export function explain(_format: ExportFormat, _w: FieldMismatch): KnownGap | null {
  return null;
}

/** Exports `ev` in `format` (and `layout`), imports the bytes back and judges the result. */
export async function roundTrip(
  ev: Evaluation,
  format: ExportFormat,
  opts: { layout?: string; pdf?: PdfRenderer } = {},
): Promise<RoundTrip> {
  const { layout } = formTable(ev, opts.layout);
  const bytes = await exportEvaluation(ev, format, opts);
  const results = await importBytes(bytes, `round-trip.${format}`);
  const first = results[0];
  const imported = first && 'evaluation' in first ? first.evaluation : null;
  const problem = first && 'error' in first ? first.error.message : first ? null : '没有读到任何表';
  const comparison = compareWithExpected(imported, expectedOf(ev, layout.profile));
  const unexplained: FieldMismatch[] = [];
  const gaps: Record<KnownGap, number> = {};
  for (const w of comparison.wrong) {
    const gap = explain(format, w);
    if (gap) gaps[gap] = (gaps[gap] ?? 0) + 1;
    else unexplained.push(w);
  }
  return { bytes, imported, problem, forms: results.length, comparison, unexplained, gaps };
}
