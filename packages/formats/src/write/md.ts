/**
 * Markdown: the lines above the table as paragraphs, the table as a pipe table with an empty
 * header row (a form has no single header), and the lines below. Markdown cannot merge cells:
 * a merged cell's text stands in its first row and column and the positions it covers stay
 * empty, as a published form flattened to text shows it. Pipes are escaped and line breaks
 * become `<br>`. A `<` is written `\<`: Markdown viewers render raw HTML, and text a unit typed
 * must never become a tag (an `<img onerror=…>` in a name would run in the viewer).
 */
import { type FormLine, type FormTable, flatRows } from './table.ts';

function mdCell(s: string): string {
  return s.replace(/\\/g, '\\\\').replace(/\|/g, '\\|').replace(/</g, '\\<').replace(/\r?\n/g, '<br>');
}

/** Text that markdown would read as markup at the start of a paragraph stays literal. */
function mdParagraph(s: string): string {
  return s
    .replace(/^([#>*+\-=|])/, '\\$1')
    .replace(/</g, '\\<')
    .replace(/\r?\n/g, '  \n');
}

function linesMd(lines: FormLine[]): string[] {
  const out: string[] = [];
  for (const l of lines) {
    out.push(mdParagraph(l.text), '');
    if (l.right) out.push(mdParagraph(l.right), '');
  }
  return out;
}

export function renderMarkdown(table: FormTable): string {
  const width = table.columns.length;
  const out = linesMd(table.above);
  out.push(`|${' |'.repeat(width)}`);
  out.push(`|${'---|'.repeat(width)}`);
  for (const row of flatRows(table)) out.push(`| ${row.map(mdCell).join(' | ')} |`);
  out.push('');
  if (table.below.length > 0) out.push(...linesMd(table.below));
  return `${out.join('\n').trimEnd()}\n`;
}

export function writeMarkdown(table: FormTable): Uint8Array {
  return new TextEncoder().encode(renderMarkdown(table));
}
