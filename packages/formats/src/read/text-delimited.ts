/**
 * Space- or tab-separated text, as web pages flatten a table when it is copied without pipes:
 * each line is a row, cells are separated by tabs (when the text has any), else by runs of two or
 * more spaces (when the text uses them between cells), else by single spaces. Empty cells leave
 * no trace, and a cell holding a line break continues on the next line ('一级\n指标',
 * '可持续影\n响指标'): both are repaired by the extractor, which knows what a label looks like.
 *
 * The table is usually indented (the page's table block); unindented lines before the first
 * indented one are the page's title and go to the preamble.
 */
import type { Grid, TextLine } from '../grid.ts';
import { buildRows, cellText, isBlank, type SourceLine } from './text.ts';

type Splitter = 'tab' | 'wide' | 'space';

/** The width of a line's leading run of spaces, tabs (four each), no-break and ideographic spaces. */
function indentOf(line: string): number {
  // counted in place rather than matched and measured: it is asked of every line
  let width = 0;
  for (let i = 0; i < line.length; i++) {
    const c = line.charCodeAt(i);
    if (c === 0x09) width += 4;
    else if (c === 0x20 || c === 0xa0 || c === 0x3000) width++;
    else break;
  }
  return width;
}

function chooseSplitter(lines: SourceLine[]): Splitter {
  if (lines.some((l) => l.text.includes('\t'))) return 'tab';
  let wide = 0;
  let content = 0;
  for (const l of lines) {
    const t = l.text.trim();
    if (t.length === 0) continue;
    content++;
    if (/\S(?: {2,}|\u3000+)\S/.test(t)) wide++;
  }
  return content > 0 && wide / content >= 0.3 ? 'wide' : 'space';
}

export function splitDelimited(line: string, splitter: Splitter): string[] {
  const t = line.trim();
  if (t.length === 0) return [];
  const parts =
    splitter === 'tab'
      ? t.split(/\t+/)
      : splitter === 'wide'
        ? t.split(/ {2,}|\u3000+/)
        : t.split(/[ \u00a0\u3000]+/);
  return parts.map((p) => cellText(p)).filter((p) => p.length > 0);
}

export function readDelimitedLines(lines: SourceLine[], file: string): Grid {
  const content = lines.filter((l) => !isBlank(l.text));
  const splitter = chooseSplitter(content);
  const indents = content.map((l) => indentOf(l.text));
  const counts = new Map<number, number>();
  for (const indent of indents) counts.set(indent, (counts.get(indent) ?? 0) + 1);
  let modal = 0;
  let best = 0;
  for (const [indent, n] of counts) {
    if (n > best || (n === best && indent < modal)) {
      modal = indent;
      best = n;
    }
  }
  const preamble: TextLine[] = [];
  let start = 0;
  if (modal > 0) {
    while (start < content.length && indents[start]! < modal) {
      const l = content[start]!;
      preamble.push({ text: cellText(l.text), source: { line: l.no } });
      start++;
    }
    if (start === content.length) {
      preamble.length = 0;
      start = 0;
    }
  }
  const rows = content
    .slice(start)
    .map((l) => splitDelimited(l.text, splitter).map((text) => ({ text, line: l.no })))
    .filter((r) => r.length > 0);
  const how =
    splitter === 'tab'
      ? '制表符'
      : splitter === 'wide'
        ? '两个以上的空格'
        : '空格（单元格内的空格无法与分隔符区分）';
  return {
    source: file,
    format: 'text',
    preamble,
    rows: buildRows(rows),
    notes: [
      `文本为空白分隔的表格：每行一个表格行，单元格按${how}切分；空单元格没有留下痕迹，跨行的单元格由提取器合并。`,
    ],
  };
}
