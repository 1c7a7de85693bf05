/**
 * `jixiao export FILE... --format xlsx|pdf|docx|md|csv|json|html [--layout ID] -o OUT`: forms
 * (canonical JSON or any importable file) written as the official table in the layout of their
 * scoring profile; `--id ID [--db PATH]` exports the current version of a form in the service's
 * database instead of files; `--bundle -o OUT.zip` packs many forms for publication, a folder per unit with
 * each form in PDF and Excel and an index. One Chromium prints every PDF of a run.
 * Exit 0 when every form was written, 1 when some could not be read or written, 2 on usage errors.
 */
import { mkdir, stat, writeFile } from 'node:fs/promises';
import { basename, extname, join } from 'node:path';
import {
  EXPORT_FORMATS,
  EXPORT_LAYOUTS,
  type ExportFormat,
  exportBundle,
  exportEvaluation,
  FORMAT_EXTENSIONS,
  formTable,
  isExportFormat,
  isExportLayoutId,
  openPdfRenderer,
  type PdfRenderer,
} from '@jixiao/formats';
import { type LoadedForm, loadForms } from '../load.ts';
import type { Io } from '../main.ts';

export interface ExportOptions {
  format?: string;
  layout?: string;
  /** the file to write, or a folder for several forms; '-' writes a text format to standard output */
  out?: string;
  bundle?: boolean;
  /** a form in the service's database (its current version) instead of files */
  id?: string;
  /** with --id: the SQLite file or postgres:// URL; DATABASE_URL otherwise */
  db?: string;
}

const TEXT_FORMATS: readonly ExportFormat[] = ['md', 'csv', 'json', 'html'];

function layoutChoices(): string {
  return EXPORT_LAYOUTS.map((l) => `${l.id}（${l.name}）`).join('；');
}

async function isDirectory(path: string): Promise<boolean> {
  try {
    return (await stat(path)).isDirectory();
  } catch {
    return false;
  }
}

/** Usage mistakes, said before anything is read; null when the options make sense. */
function usageProblem(files: string[], opts: ExportOptions): string | null {
  if (opts.id !== undefined && files.length > 0) return '--id 与文件只能选一个：--id 导出数据库中的自评表。';
  if (opts.id !== undefined && opts.id.trim() === '') return '--id 后请给出自评表的 id。';
  if (opts.id === undefined && opts.db !== undefined) return '--db 只与 --id 一起使用。';
  if (files.length === 0 && opts.id === undefined) {
    return '请给出要导出的自评表文件（标准 JSON 或可导入的表格文件），或用 --id 导出数据库中的自评表。';
  }
  if (opts.bundle && opts.format) return '--bundle 与 --format 只能选一个：打包时每张表都导出 PDF 和 Excel。';
  if (!opts.bundle && !opts.format) {
    return `请用 --format 指定导出格式（${EXPORT_FORMATS.join('、')}），或用 --bundle 打包。`;
  }
  if (opts.format && !isExportFormat(opts.format)) {
    return `不支持的导出格式“${opts.format}”，可用：${EXPORT_FORMATS.join('、')}。`;
  }
  if (opts.layout && !isExportLayoutId(opts.layout)) {
    return `未知的导出版式“${opts.layout}”，可用：${layoutChoices()}。`;
  }
  if (!opts.out) return '请用 -o 指定输出文件（多张表时为目录）。';
  if (opts.bundle && !/\.zip$/i.test(opts.out)) return `打包输出的文件名须以 .zip 结尾：${opts.out}`;
  if (opts.out === '-' && (opts.bundle || !TEXT_FORMATS.includes(opts.format as ExportFormat))) {
    return `-o - 只能用于文本格式（${TEXT_FORMATS.join('、')}）；${opts.bundle ? '打包文件' : opts.format}请写入文件。`;
  }
  return null;
}

/** A file name per form inside a folder: the input's name, numbered where names would repeat. */
function namesIn(dir: string, forms: LoadedForm[], ext: string): string[] {
  const used = new Set<string>();
  const perFile = new Map<string, number>();
  for (const f of forms) perFile.set(f.file, (perFile.get(f.file) ?? 0) + 1);
  const seenInFile = new Map<string, number>();
  return forms.map((f) => {
    const k = (seenInFile.get(f.file) ?? 0) + 1;
    seenInFile.set(f.file, k);
    const stem = `${basename(f.file, extname(f.file))}${(perFile.get(f.file) ?? 1) > 1 ? `-${k}` : ''}`;
    let name = `${stem}${ext}`;
    for (let n = 2; used.has(name.toLowerCase()); n++) name = `${stem}-${n}${ext}`;
    used.add(name.toLowerCase());
    return join(dir, name);
  });
}

function formLabel(form: LoadedForm): string {
  const ev = form.evaluation;
  return `${form.file}${form.label ? ` ${form.label}` : ''}（${ev.year ?? '年度不详'} ${ev.unit ?? '未填单位'}${ev.project ? `「${ev.project}」` : ''}）`;
}

export async function runExport(files: string[], opts: ExportOptions, io: Io): Promise<number> {
  const usage = usageProblem(files, opts);
  if (usage) {
    io.err(usage);
    return 2;
  }
  const out = opts.out!;
  let failed = false;
  const forms: LoadedForm[] = [];
  if (opts.id !== undefined) {
    const { formFromDatabase } = await import('./to-db.ts');
    const found = await formFromDatabase(opts.id, opts);
    if (!found.ok) {
      io.err(found.message);
      return 1;
    }
    forms.push(found.form);
  }
  for (const file of files) {
    const loaded = await loadForms(file);
    if (!loaded.ok) {
      io.err(loaded.message);
      failed = true;
      continue;
    }
    for (const p of loaded.problems ?? []) io.err(p);
    if (loaded.problems?.length) failed = true;
    forms.push(...loaded.forms);
  }
  // a form whose profile has no layout is refused before any file is written
  const ready: LoadedForm[] = [];
  for (const form of forms) {
    try {
      formTable(form.evaluation, opts.layout);
      ready.push(form);
    } catch (e) {
      io.err(`${formLabel(form)}：${e instanceof Error ? e.message : String(e)}`);
      failed = true;
    }
  }
  if (ready.length === 0) {
    io.err('没有可以导出的自评表。');
    return 1;
  }

  const format = opts.format as ExportFormat;
  const ext = FORMAT_EXTENSIONS[format];
  // several inputs go to a folder even when only one of them could be read
  const several = files.length > 1 || ready.length > 1;
  const toFolder = !opts.bundle && out !== '-' && (several || (await isDirectory(out)) || /[\\/]$/.test(out));
  if (!opts.bundle && out !== '-' && several && extname(out).toLowerCase() === ext) {
    io.err(`要导出多张表，-o 应为目录而不是文件：${out}`);
    return 2;
  }
  if (out === '-' && ready.length > 1 && format !== 'json') {
    io.err(`共有 ${ready.length} 张表，标准输出只能写一张；请用 -o 指定目录。`);
    return 2;
  }
  const needsPdf = opts.bundle || format === 'pdf';
  let pdf: PdfRenderer | undefined;
  try {
    if (needsPdf) pdf = await openPdfRenderer();
    if (opts.bundle) {
      const zip = await exportBundle(
        ready.map((f) => f.evaluation),
        { ...(opts.layout ? { layout: opts.layout } : {}), ...(pdf ? { pdf } : {}) },
      );
      await writeFile(out, zip);
      io.out(
        `已打包 ${ready.length} 张表到 ${out}（每张表的 PDF 和 Excel，以及 index.csv、index.html 目录）。`,
      );
      return failed ? 1 : 0;
    }
    if (out === '-') {
      const docs = ready.map((f) => f.evaluation);
      if (format === 'json' && docs.length > 1) io.out(JSON.stringify(docs, null, 2));
      else {
        const bytes = await exportEvaluation(ready[0]!.evaluation, format, { layout: opts.layout ?? null });
        io.out(
          new TextDecoder()
            .decode(bytes)
            .replace(/^\uFEFF/, '')
            .trimEnd(),
        );
      }
      return failed ? 1 : 0;
    }
    if (toFolder) await mkdir(out, { recursive: true });
    const paths = toFolder ? namesIn(out, ready, ext) : [out];
    for (const [i, form] of ready.entries()) {
      const bytes = await exportEvaluation(form.evaluation, format, {
        layout: opts.layout ?? null,
        ...(pdf ? { pdf } : {}),
      });
      await writeFile(paths[i]!, bytes);
      const layout = format === 'json' ? '' : `，版式 ${formTable(form.evaluation, opts.layout).layout.id}`;
      io.out(`已写入 ${paths[i]}（${formLabel(form)}${layout}）`);
    }
    io.out(`共导出 ${ready.length} 张表${failed ? '；有文件未能全部导出' : ''}。`);
    return failed ? 1 : 0;
  } catch (e) {
    // Chromium missing, a disk full: the message says what to do
    io.err(e instanceof Error ? e.message : String(e));
    return 1;
  } finally {
    await pdf?.close();
  }
}
