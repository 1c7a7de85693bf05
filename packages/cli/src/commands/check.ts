/**
 * `jixiao check FILE...`: the reviewer's pass over one or many forms — findings grouped by
 * severity with their place in words, a summary, optional JSON and audit reports.
 * Exit 0 when no errors were found, 1 when some were, 2 when a file could not be read.
 */
import { readdir, writeFile } from 'node:fs/promises';
import { basename, extname, join } from 'node:path';
import {
  check,
  countFindings,
  type Evaluation,
  type Finding,
  type Profile,
  resolveProfile,
  type ScoreResult,
  score,
} from '@jixiao/core';
import { renderAuditHtml, renderAuditMarkdown } from '@jixiao/formats';
import { type LoadedForm, loadForms } from '../load.ts';
import type { Io } from '../main.ts';

export interface CheckOptions {
  profile?: string;
  history?: string;
  json?: boolean;
  report?: string;
}

interface Checked {
  form: LoadedForm;
  profile: Profile;
  score: ScoreResult;
  findings: Finding[];
}

const SEVERITY_HEAD = { error: '错误', warning: '警告', info: '提示' } as const;
const SEVERITY_MARK = { error: '✗', warning: '!', info: 'i' } as const;

function sameSubject(a: Evaluation, b: Evaluation): boolean {
  const norm = (s: string | null) => (s ?? '').replace(/\s+/g, '');
  return a.kind === b.kind && norm(a.unit) === norm(b.unit) && norm(a.project) === norm(b.project);
}

/** Earlier years of the same unit (and project) among the forms in a folder. */
async function loadHistory(dir: string, io: Io): Promise<{ ok: true; forms: Evaluation[] } | { ok: false }> {
  let names: string[];
  try {
    names = (await readdir(dir)).sort();
  } catch {
    io.err(`无法读取历史数据目录 ${dir}：目录不存在或没有读取权限。`);
    return { ok: false };
  }
  const forms: Evaluation[] = [];
  for (const name of names) {
    const loaded = await loadForms(join(dir, name));
    if (!loaded.ok) {
      io.err(`历史数据中的文件被跳过：${loaded.message}`);
      continue;
    }
    forms.push(...loaded.forms.map((f) => f.evaluation));
  }
  return { ok: true, forms };
}

export function formatFindings(c: Checked): string {
  const ev = c.form.evaluation;
  const out: string[] = [];
  const head = [
    ev.year ? `${ev.year}年度` : '',
    ev.unit ?? '（未填单位）',
    ev.project ? `「${ev.project}」` : '',
  ]
    .filter(Boolean)
    .join(' ');
  out.push(`${c.form.file}${c.form.label ? ` ${c.form.label}` : ''} — ${head}（评分规则 ${c.profile.id}）`);
  for (const sev of ['error', 'warning', 'info'] as const) {
    const fs = c.findings.filter((f) => f.severity === sev);
    if (fs.length === 0) continue;
    out.push(`${SEVERITY_HEAD[sev]}（${fs.length}）`);
    for (const f of fs) out.push(`  ${SEVERITY_MARK[sev]} ${f.place} [${f.code}] ${f.message}`);
  }
  const n = countFindings(c.findings);
  out.push(
    `小结：${n.error} 个错误，${n.warning} 个警告，${n.info} 个提示；填报总分 ${c.score.totals.reported ?? '—'}，分项合计 ${c.score.totals.reportedSum ?? '—'}`,
  );
  return out.join('\n');
}

function reportPath(out: string, index: number, count: number): string {
  if (count === 1) return out;
  const ext = extname(out);
  return `${out.slice(0, out.length - ext.length)}-${index + 1}${ext}`;
}

export async function runCheck(files: string[], opts: CheckOptions, io: Io): Promise<number> {
  if (opts.report && !/\.(html?|md)$/i.test(opts.report)) {
    io.err(`--report 的文件名须以 .html 或 .md 结尾：${opts.report}`);
    return 2;
  }
  let history: Evaluation[] = [];
  if (opts.history) {
    const h = await loadHistory(opts.history, io);
    if (!h.ok) return 2;
    history = h.forms;
  }
  let unreadable = false;
  const checked: Checked[] = [];
  for (const file of files) {
    const loaded = await loadForms(file);
    if (!loaded.ok) {
      io.err(loaded.message);
      unreadable = true;
      continue;
    }
    for (const form of loaded.forms) {
      const resolved = resolveProfile(opts.profile, form.evaluation.profile);
      if ('error' in resolved) {
        io.err(`${file}：${resolved.error}`);
        unreadable = true;
        continue;
      }
      const ev = form.evaluation;
      const past = history.filter(
        (h) => sameSubject(h, ev) && h.year !== null && ev.year !== null && h.year < ev.year,
      );
      const s = score(ev, resolved.profile);
      checked.push({
        form,
        profile: resolved.profile,
        score: s,
        findings: check(ev, resolved.profile, past, { score: s }),
      });
    }
  }

  if (opts.json) {
    const docs = checked.map((c) => ({
      file: c.form.file,
      evaluation: c.form.evaluation,
      score: c.score,
      findings: c.findings.map(({ code, severity, message, path, basis }) => ({
        code,
        severity,
        message,
        path,
        basis,
      })),
    }));
    io.out(JSON.stringify(docs.length === 1 ? docs[0] : docs, null, 2));
  } else {
    for (const c of checked) io.out(`${formatFindings(c)}\n`);
    const total = countFindings(checked.flatMap((c) => c.findings));
    io.out(
      `共检查 ${checked.length} 张表：${total.error} 个错误，${total.warning} 个警告，${total.info} 个提示${unreadable ? '；有文件无法读取' : ''}。`,
    );
  }

  if (opts.report) {
    const target = opts.report;
    for (const [i, c] of checked.entries()) {
      const input = {
        file: basename(c.form.file),
        evaluation: c.form.evaluation,
        score: c.score,
        findings: c.findings,
        profileName: c.profile.name,
      };
      const path = reportPath(target, i, checked.length);
      await writeFile(path, /\.md$/i.test(target) ? renderAuditMarkdown(input) : renderAuditHtml(input));
      if (!opts.json) io.out(`复核报告已写入 ${path}`);
    }
  }

  if (unreadable) return 2;
  return checked.some((c) => c.findings.some((f) => f.severity === 'error')) ? 1 : 0;
}
