/**
 * `jixiao import FILE...`: published forms in any format → canonical evaluations, with what
 * the importer repaired and what it doubts. Exit 0 when every file imported, 1 when some did
 * not, 2 on usage errors.
 */
import { mkdir, writeFile } from 'node:fs/promises';
import { basename, extname, join } from 'node:path';
import type { Evaluation } from '@jixiao/core';
import { type LoadedForm, loadForms } from '../load.ts';
import type { Io } from '../main.ts';

export interface ImportOptions {
  json?: boolean;
  out?: string;
  /** create a draft of every form in the service's database (see to-db.ts) */
  toDb?: boolean;
  db?: string;
  /** with --to-db: the unit's name or id */
  unit?: string;
  /** with --to-db: the account recorded as creating the drafts */
  as?: string;
}

const KIND_WORDS = { department: '部门整体', project: '项目' } as const;

export function formatImported(form: LoadedForm): string {
  const ev: Evaluation = form.evaluation;
  const info = ev.import;
  const out: string[] = [];
  out.push(
    `${form.file}${form.label ? ` ${form.label}` : ''}：${ev.year === null ? '（年度不详）' : `${ev.year}年度`} ${ev.unit ?? '（未识别单位）'}${ev.project ? `「${ev.project}」` : ''} ${KIND_WORDS[ev.kind]}自评表`,
  );
  out.push(
    `  版式 ${info?.layout ?? '未识别'}；评分规则 ${ev.profile ?? '—'}；年度目标 ${ev.goals.length} 个，绩效指标 ${ev.indicators.length} 个；填报总分 ${ev.totalReported ?? '—'}`,
  );
  const repairs = info?.repairs ?? [];
  if (repairs.length > 0) {
    out.push(`  修复（${repairs.length}）：`);
    for (const r of repairs)
      out.push(`    - [${r.kind}] ${r.where}：${r.before ?? '（空）'} → ${r.after ?? '（空）'}`);
  }
  const warnings = info?.warnings ?? [];
  if (warnings.length > 0) {
    out.push(`  疑点（${warnings.length}）：`);
    for (const w of warnings)
      out.push(`    - ${w.where}：${w.message}${w.text ? `（原文：${w.text}）` : ''}`);
  }
  return out.join('\n');
}

function outName(file: string, index: number, count: number): string {
  const base = basename(file, extname(file));
  return count > 1 ? `${base}-${index + 1}.json` : `${base}.json`;
}

export async function runImport(files: string[], opts: ImportOptions, io: Io): Promise<number> {
  if (!opts.toDb && (opts.db !== undefined || opts.unit !== undefined || opts.as !== undefined)) {
    io.err('--db、--unit 和 --as 只与 --to-db 一起使用。');
    return 2;
  }
  if (opts.toDb && opts.json) {
    io.err('--to-db 与 --json 只能选一个。');
    return 2;
  }
  const forms: LoadedForm[] = [];
  let failed = 0;
  const written: string[] = [];
  if (opts.out) await mkdir(opts.out, { recursive: true });
  for (const file of files) {
    const loaded = await loadForms(file);
    if (!loaded.ok) {
      io.err(loaded.message);
      failed++;
      continue;
    }
    for (const p of loaded.problems ?? []) io.err(p);
    if (loaded.problems?.length) failed++;
    forms.push(...loaded.forms);
    if (opts.out) {
      for (const [i, f] of loaded.forms.entries()) {
        const path = join(opts.out, outName(file, i, loaded.forms.length));
        await writeFile(path, `${JSON.stringify(f.evaluation, null, 2)}\n`);
        written.push(path);
      }
    }
  }
  if (opts.toDb) {
    if (forms.length === 0) {
      io.err('没有可以导入数据库的自评表。');
      return 1;
    }
    const { importToDatabase } = await import('./to-db.ts');
    failed += await importToDatabase(forms, opts, io);
    for (const w of written) io.out(`已写入 ${w}`);
    return failed > 0 ? 1 : 0;
  }
  if (opts.json) {
    const docs = forms.map((f) => f.evaluation);
    io.out(JSON.stringify(docs.length === 1 ? docs[0] : docs, null, 2));
  } else {
    for (const f of forms) io.out(`${formatImported(f)}\n`);
    for (const w of written) io.out(`已写入 ${w}`);
    io.out(`共导入 ${forms.length} 张表${failed > 0 ? `；${failed} 个文件未能全部导入` : ''}。`);
  }
  return failed > 0 ? 1 : 0;
}
