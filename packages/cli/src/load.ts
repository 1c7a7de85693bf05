/**
 * Reading an evaluation from a file for the commands: canonical JSON now; other formats go
 * through the importer. Every failure names the file, the place inside it and the problem.
 */
import { readFile } from 'node:fs/promises';
import { type Evaluation, validate } from '@jixiao/core';
import { importForms } from './import-forms.ts';

export type Loaded =
  | { ok: true; file: string; evaluation: Evaluation }
  | { ok: false; file: string; message: string };

export function readFailure(file: string, e: unknown): string {
  const code = (e as NodeJS.ErrnoException).code;
  const reason =
    code === 'ENOENT'
      ? '文件不存在'
      : code === 'EISDIR'
        ? '这是一个目录，不是文件'
        : code === 'EACCES'
          ? '没有读取权限'
          : String(e);
  return `无法读取 ${file}：${reason}。`;
}

/** Line and column of a character offset, 1-based, for JSON syntax errors. */
function lineCol(text: string, pos: number): { line: number; col: number } {
  const before = text.slice(0, pos);
  const line = before.split('\n').length;
  return { line, col: pos - before.lastIndexOf('\n') };
}

export function parseJsonText(
  text: string,
  file: string,
): { ok: true; json: unknown } | { ok: false; message: string } {
  try {
    return { ok: true, json: JSON.parse(text.replace(/^\uFEFF/, '')) };
  } catch (e) {
    const msg = e instanceof Error ? e.message : String(e);
    const m = /position (\d+)/.exec(msg);
    const where = m ? (({ line, col }) => `第 ${line} 行第 ${col} 列`)(lineCol(text, Number(m[1]))) : '';
    return { ok: false, message: `${file}：不是有效的 JSON${where ? `（${where}）` : ''}：${msg}` };
  }
}

export async function loadEvaluation(file: string): Promise<Loaded> {
  let text: string;
  try {
    text = await readFile(file, 'utf8');
  } catch (e) {
    const code = (e as NodeJS.ErrnoException).code;
    const reason =
      code === 'ENOENT'
        ? '文件不存在'
        : code === 'EISDIR'
          ? '这是一个目录，不是文件'
          : code === 'EACCES'
            ? '没有读取权限'
            : String(e);
    return { ok: false, file, message: `无法读取 ${file}：${reason}。` };
  }
  const parsed = parseJsonText(text, file);
  if (!parsed.ok) return { ok: false, file, message: parsed.message };
  const result = validate(parsed.json);
  if (!result.ok) {
    const lines = result.errors.map((err) => `  ${err.path || '(根)'} [${err.code}]：${err.message}`);
    return {
      ok: false,
      file,
      message: `${file}：不是有效的自评表数据（${result.errors.length} 处错误）：\n${lines.join('\n')}`,
    };
  }
  return { ok: true, file, evaluation: result.evaluation };
}

export interface LoadedForm {
  file: string;
  /** which form inside the file, when it holds several (第2张表 / Sheet2) */
  label?: string;
  evaluation: Evaluation;
}

export type LoadedForms =
  | { ok: true; forms: LoadedForm[] /** forms in the file that could not be read */; problems?: string[] }
  | { ok: false; message: string };

/**
 * Every form in a file: canonical JSON (one evaluation or an array of them) directly; other
 * formats through the importer.
 */
export async function loadForms(file: string): Promise<LoadedForms> {
  if (/\.json$/i.test(file)) {
    let text: string;
    try {
      text = await readFile(file, 'utf8');
    } catch (e) {
      return { ok: false, message: readFailure(file, e) };
    }
    const parsed = parseJsonText(text, file);
    if (!parsed.ok) return { ok: false, message: parsed.message };
    const docs = Array.isArray(parsed.json) ? parsed.json : [parsed.json];
    const forms: LoadedForm[] = [];
    for (const [i, doc] of docs.entries()) {
      // `jixiao check --json` output can be read back: take its evaluation.
      const json =
        doc !== null && typeof doc === 'object' && 'evaluation' in doc
          ? (doc as { evaluation: unknown }).evaluation
          : doc;
      const result = validate(json);
      if (!result.ok) {
        const where = docs.length > 1 ? `第 ${i + 1} 张表` : '';
        const lines = result.errors.map((err) => `  ${err.path || '(根)'} [${err.code}]：${err.message}`);
        return {
          ok: false,
          message: `${file}${where ? ` ${where}` : ''}：不是有效的自评表数据（${result.errors.length} 处错误）：\n${lines.join('\n')}`,
        };
      }
      forms.push({
        file,
        ...(docs.length > 1 ? { label: `第${i + 1}张表` } : {}),
        evaluation: result.evaluation,
      });
    }
    return { ok: true, forms };
  }
  return importForms(file);
}
