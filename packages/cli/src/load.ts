/**
 * Reading an evaluation from a file for the commands: canonical JSON now; other formats go
 * through the importer. Every failure names the file, the place inside it and the problem.
 */
import { readFile } from 'node:fs/promises';
import { type Evaluation, validate } from '@jixiao/core';

export type Loaded =
  | { ok: true; file: string; evaluation: Evaluation }
  | { ok: false; file: string; message: string };

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
