/**
 * The layout gallery of docs/export.md: each export layout drawn from a sample form, as an HTML
 * table with its merges (Markdown renderers keep rowspan and colspan). docs.test.ts keeps the
 * gallery in step with the layouts.
 */
import type { Evaluation } from '@jixiao/core';
import { formTable } from './export.ts';
import { escapeHtml } from './html.ts';
import { type FormTable, lineText } from './table.ts';

export const GALLERY_BEGIN = '<!-- layouts:begin (generated from the layouts: see docs.test.ts) -->';
export const GALLERY_END = '<!-- layouts:end -->';

function text(s: string): string {
  return escapeHtml(s).replace(/\r?\n/g, '<br>');
}

function tableHtml(t: FormTable): string {
  const lines = t.above.map(
    (l) =>
      `<p align="${l.align}">${l.style === 'title' ? `<b>${text(lineText(l))}</b>` : text(lineText(l))}</p>`,
  );
  const rows = t.rows.map((cells) => {
    const tds = cells.map((c) => {
      const spans = `${c.rowSpan > 1 ? ` rowspan="${c.rowSpan}"` : ''}${c.colSpan > 1 ? ` colspan="${c.colSpan}"` : ''}`;
      const body = c.style === 'header' && c.text !== '' ? `<b>${text(c.text)}</b>` : text(c.text);
      return `<td${spans}>${body}</td>`;
    });
    return `<tr>${tds.join('')}</tr>`;
  });
  const below = t.below.map((l) => `<p>${text(lineText(l))}</p>`);
  return [...lines, '<table>', ...rows, '</table>', ...below].join('\n');
}

/** The gallery: one section per layout, from the evaluation given for it. */
export function renderGallery(
  examples: { layout: string; source: string; evaluation: Evaluation }[],
): string {
  const parts = [GALLERY_BEGIN, ''];
  for (const ex of examples) {
    const { table, layout } = formTable(ex.evaluation, ex.layout);
    parts.push(
      `### ${layout.name} (\`${layout.id}\`)`,
      '',
      `From \`${ex.source}\`.`,
      '',
      tableHtml(table),
      '',
    );
  }
  parts.push(GALLERY_END);
  return parts.join('\n');
}
