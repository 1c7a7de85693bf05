/**
 * Markdown pipe tables. Each table is one grid (its header row is a row like the others: forms
 * converted from PDF often have an empty one); the lines before a table are its preamble, the
 * lines after the last table are added to the last grid's preamble.
 */
import type { Grid, TextLine } from '../grid.ts';
import { buildRows, cellText, isBlank, type SourceLine } from './text.ts';

/** `|---|:--:|` and `---|---`: only pipes, dashes, colons and spaces, with a dash and a pipe. */
export function isMarkdownSeparator(line: string): boolean {
  const t = line.trim();
  if (!t.includes('-') || !t.includes('|')) return false;
  return /^[|:\-\s]+$/.test(t) && /-/.test(t);
}

/** The cells of a markdown row: split on unescaped pipes, outer pipes dropped, `<br>` as a line break. */
export function splitMarkdownRow(line: string): string[] {
  let t = line.trim();
  if (t.startsWith('|')) t = t.slice(1);
  if (t.endsWith('|') && !t.endsWith('\\|')) t = t.slice(0, -1);
  const cells: string[] = [];
  let current = '';
  for (let i = 0; i < t.length; i++) {
    const ch = t[i]!;
    if (ch === '\\' && t[i + 1] === '|') {
      current += '|';
      i++;
    } else if (ch === '|') {
      cells.push(current);
      current = '';
    } else current += ch;
  }
  cells.push(current);
  return cells.map((c) => cellText(c.replace(/<br\s*\/?>/gi, '\n')));
}

function isTableLine(line: string): boolean {
  return line.includes('|') && !isBlank(line);
}

export function readMarkdown(lines: SourceLine[], file: string): Grid[] {
  const grids: Grid[] = [];
  let preamble: TextLine[] = [];
  let i = 0;
  while (i < lines.length) {
    const line = lines[i]!;
    const next = lines[i + 1];
    if (isTableLine(line.text) && next && isMarkdownSeparator(next.text)) {
      const rows: { text: string; line: number }[][] = [];
      rows.push(splitMarkdownRow(line.text).map((text) => ({ text, line: line.no })));
      i += 2;
      while (i < lines.length && isTableLine(lines[i]!.text) && !isMarkdownSeparator(lines[i]!.text)) {
        const l = lines[i]!;
        rows.push(splitMarkdownRow(l.text).map((text) => ({ text, line: l.no })));
        i++;
      }
      const table = grids.length + 1;
      grids.push({
        source: file,
        format: 'markdown',
        preamble,
        rows: buildRows(rows, table),
        notes: [],
      });
      preamble = [];
      continue;
    }
    if (!isBlank(line.text)) preamble.push({ text: cellText(line.text), source: { line: line.no } });
    i++;
  }
  const last = grids[grids.length - 1];
  if (last) last.preamble.push(...preamble);
  else if (preamble.length > 0) {
    grids.push({
      source: file,
      format: 'markdown',
      preamble,
      rows: [],
      notes: ['文件中没有表格，只有文字行。'],
    });
  }
  return grids;
}
