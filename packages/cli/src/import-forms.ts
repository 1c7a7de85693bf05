/** Files other than canonical JSON go through the importer (packages/formats). */
import { readFile } from 'node:fs/promises';
import { importBytes } from '@jixiao/formats';
import { type LoadedForm, type LoadedForms, readFailure } from './load.ts';

export async function importForms(file: string): Promise<LoadedForms> {
  let bytes: Uint8Array;
  try {
    bytes = new Uint8Array(await readFile(file));
  } catch (e) {
    return { ok: false, message: readFailure(file, e) };
  }
  let results: Awaited<ReturnType<typeof importBytes>>;
  try {
    results = await importBytes(bytes, file);
  } catch (e) {
    // ReadError: its message already names the file and says what to do.
    return { ok: false, message: e instanceof Error ? e.message : String(e) };
  }
  const forms: LoadedForm[] = [];
  const problems: string[] = [];
  for (const [i, r] of results.entries()) {
    if ('error' in r) problems.push(r.error.message);
    else
      forms.push({
        file,
        ...(results.length > 1 ? { label: `第${i + 1}张表` } : {}),
        evaluation: r.evaluation,
      });
  }
  if (forms.length === 0) return { ok: false, message: problems.join('\n') || `${file}：没有找到自评表。` };
  return { ok: true, forms, ...(problems.length > 0 ? { problems } : {}) };
}
