/**
 * The importer's one entry for bytes from anywhere (a file, an upload): read into Grids by
 * what the content is, extract every form, and pass each through core's `validate`, so what
 * leaves the importer is exactly what every other part of the system accepts.
 */
import { validate } from '@jixiao/core';
import { type ExtractResult, extractEvaluations } from './extract/index.ts';
import type { ReadLimits } from './grid.ts';
import { readFile } from './read/index.ts';
import { COMPUTED_SHEET, NOTE_COMPUTED_SHEET_SKIPPED } from './read/xlsx.ts';

export type { ExtractError, ExtractResult } from './extract/index.ts';

export interface ImportOptions {
  limits?: Partial<ReadLimits>;
}

/**
 * Every form in a file. A file that cannot be read at all throws a ReadError (code and a
 * Chinese message naming the file); a file that reads but holds no recognisable form gives
 * `{error}` results.
 */
export async function importBytes(
  bytes: Uint8Array,
  file: string,
  opts: ImportOptions = {},
): Promise<ExtractResult[]> {
  const grids = await readFile(bytes, file, opts.limits);
  const skipped = computedSheetNotes(grids);
  return extractEvaluations(grids, { file }).map((r) => {
    if ('error' in r) return r;
    // what the reader left out on purpose is told with the form, beside its other repairs
    for (const note of skipped)
      r.evaluation.import?.repairs.push({
        kind: 'skip-computed-sheet',
        where: `${COMPUTED_SHEET}!A1`,
        before: null,
        after: note,
      });
    const checked = validate(r.evaluation);
    if (checked.ok) return { evaluation: checked.evaluation };
    // An extraction the model refuses is the importer's defect; say so rather than pass it on.
    const first = checked.errors[0];
    return {
      error: {
        code: 'invalid-extraction',
        message: `“${file}”提取的结果不符合数据模型（${first?.path}：${first?.message}），这是导入程序的缺陷，请报告。`,
        where: file,
      },
    };
  });
}

/**
 * The notes of the xlsx reader that Jixiao's own 计分与复核 sheet was left out (each workbook's
 * note is on each of its grids: once here).
 */
function computedSheetNotes(grids: readonly { notes: string[] }[]): string[] {
  const notes = new Set<string>();
  for (const g of grids)
    for (const n of g.notes)
      if (n.startsWith(NOTE_COMPUTED_SHEET_SKIPPED))
        notes.add(n.slice(NOTE_COMPUTED_SHEET_SKIPPED.length).trim());
  return [...notes];
}
