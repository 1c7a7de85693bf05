/**
 * Markdown pipe tables. Each table is one grid (its header row is a row like the others: forms
 * converted from PDF often have an empty one); the lines before a table are its preamble, the
 * lines after the last table are added to the last grid's preamble.
 *
 * Converters write tables with merged cells as HTML inside the markdown: a `<table>…</table>`
 * block is read by the HTML reader, its line numbers moved to the block's place in the file.
 */
import type { Grid, TextLine } from '../grid.ts';
import { readHtml } from './html.ts';
import { buildRows, cellText, cellTextIn, isBlank, type SourceLine } from './text.ts';

const TABLE_OPEN = /<table[\s>]/i;
const TABLE_CLOSE = /<\/table\s*>/i;

/** Whether a text holds an HTML table block. */
export function hasHtmlTable(lines: SourceLine[]): boolean {
  // the substring test first: most lines hold no '<' at all
  return lines.some((l) => l.text.includes('<') && TABLE_OPEN.test(l.text));
}

/**
 * Reads the HTML table block starting at line index `i`; returns its grids (line numbers in the
 * file's terms) and the index after the block. Nested tables close with their outer table.
 */
function readHtmlBlock(lines: SourceLine[], i: number, file: string): { grids: Grid[]; next: number } {
  let depth = 0;
  let j = i;
  for (; j < lines.length; j++) {
    const text = lines[j]!.text;
    depth += (text.match(/<table[\s>]/gi) ?? []).length;
    depth -= (text.match(/<\/table\s*>/gi) ?? []).length;
    if (depth <= 0 && TABLE_CLOSE.test(text)) break;
  }
  const end = Math.min(j + 1, lines.length);
  const offset = lines[i]!.no - 1;
  let grids: Grid[];
  try {
    grids = readHtml(
      lines
        .slice(i, end)
        .map((l) => l.text)
        .join('\n'),
      file,
    );
  } catch {
    // a block the HTML reader refuses stays text, so nothing in the file is lost
    return { grids: [], next: i };
  }
  for (const g of grids) {
    for (const row of g.rows) {
      for (const c of row) if (c.source.line !== undefined) c.source.line += offset;
    }
    for (const l of g.preamble) if (l.source.line !== undefined) l.source.line += offset;
    g.notes.push('Markdown 中的 HTML 表格，按网页表格读取');
  }
  return { grids, next: end };
}

/** `|---|:--:|` and `---|---`: only pipes, dashes, colons and spaces, with a dash and a pipe. */
export function isMarkdownSeparator(line: string): boolean {
  const t = line.trim();
  if (!t.includes('-') || !t.includes('|')) return false;
  return /^[|:\-\s]+$/.test(t) && /-/.test(t);
}

/**
 * A separator row that marks a whole text as markdown: at least two cells of dashes (and colons)
 * on one line. A lone `- |` is a cell holding a dash in a one-cell-per-line text, not a separator.
 */
export function isMarkdownSeparatorRow(line: string): boolean {
  if (!isMarkdownSeparator(line)) return false;
  const cells = splitMarkdownRow(line).map((c) => c.trim());
  return cells.filter((c) => /^:?-+:?$/.test(c)).length >= 2;
}

const BR = /<br\s*\/?>/iy;

/**
 * The cells of a markdown row: split on unescaped pipes, outer pipes dropped, `<br>` as a line
 * break, `\<` as a literal `<` (our writer escapes it so no text becomes a tag).
 */
export function splitMarkdownRow(line: string): string[] {
  let t = line.trim();
  if (t.startsWith('|')) t = t.slice(1);
  if (t.endsWith('|') && !t.endsWith('\\|')) t = t.slice(0, -1);
  const cells: string[] = [];
  // a cell's text is taken as slices between the characters that change it, not a character at a time
  let current = '';
  let from = 0;
  for (let i = 0; i < t.length; i++) {
    const c = t.charCodeAt(i);
    if (c === 0x5c && (t[i + 1] === '|' || t[i + 1] === '<')) {
      // an escaped '|' or '<' (backslash dropped)
      current += t.slice(from, i) + t[i + 1];
      i++;
      from = i + 1;
    } else if (c === 0x7c) {
      cells.push(markdownCell(t, current, from, i));
      current = '';
      from = i + 1;
    } else if (c === 0x3c) {
      BR.lastIndex = i;
      const br = BR.exec(t);
      if (br) {
        current += `${t.slice(from, i)}\n`;
        i += br[0].length - 1;
        from = i + 1;
      }
    }
  }
  cells.push(markdownCell(t, current, from, t.length));
  return cells;
}

/**
 * cellText of a cell's text: `current` (what came before an escape or a `<br>`) and then
 * t.slice(from, to). Most cells have no such start, and are sliced once, trimmed.
 */
function markdownCell(t: string, current: string, from: number, to: number): string {
  return current === '' ? cellTextIn(t, from, to) : cellText(current + t.slice(from, to));
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
    if (TABLE_OPEN.test(line.text)) {
      const block = readHtmlBlock(lines, i, file);
      if (block.next > i) {
        const first = block.grids[0];
        if (first) first.preamble.unshift(...preamble);
        else if (preamble.length > 0)
          block.grids.push({ source: file, format: 'markdown', preamble, rows: [], notes: [] });
        for (const g of block.grids) {
          for (const row of g.rows) for (const c of row) c.source.table = grids.length + 1;
          grids.push(g);
        }
        if (block.grids.length > 0) preamble = [];
        i = block.next;
        continue;
      }
    }
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
    if (!isBlank(line.text))
      preamble.push({ text: cellText(line.text.replace(/\\</g, '<')), source: { line: line.no } });
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
