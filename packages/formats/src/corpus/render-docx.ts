/**
 * A form typed in Word: title paragraphs and one table, merged cells written as Word writes
 * them (w:gridSpan across columns, w:vMerge restart/continue down rows), a cell's lines as
 * paragraphs.
 */
import { buildDocx, type WCell, wP, wTbl } from '../read/build-ooxml.ts';
import { type FormDoc, placeCells } from './document.ts';

export function renderDocx(doc: FormDoc): Uint8Array {
  const grid = placeCells(doc);
  const rows: WCell[][] = grid.map((cols, ri) => {
    const out: WCell[] = [];
    cols.forEach((p, ci) => {
      if (!p || p.col !== ci) return;
      const { text, cs, rs } = p.cell;
      if (p.row === ri) {
        const cell: WCell = { text: text.split('\n') };
        if (cs > 1) cell.span = cs;
        if (rs > 1) cell.vMerge = 'restart';
        out.push(cell);
      } else {
        const cell: WCell = { text: '', vMerge: 'continue' };
        if (cs > 1) cell.span = cs;
        out.push(cell);
      }
    });
    return out;
  });
  const body = [
    ...doc.title.map(wP),
    ...(doc.before.length > 0 ? [wP(doc.before.join('    '))] : []),
    wTbl(rows, doc.columns),
    ...doc.after.map(wP),
  ].join('');
  return buildDocx(body);
}
