/**
 * A form printed to PDF, written here byte by byte so that the corpus needs no office suite:
 * A4 landscape pages, the title above a table with ruling lines (or, on some forms, none), each
 * cell's text wrapped to its column and a merged cell's text centred on its whole span — so a
 * 一级 label lands on the middle row of its span, as in PDFs printed by Excel or LibreOffice —
 * and the table continued on the next page when it is too long for one.
 *
 * The font is a CID font that is not embedded (Identity-H, with a ToUnicode map from glyph ids
 * to characters), as office suites write Chinese text when the font may not be embedded;
 * readers get the text through the ToUnicode map. Widths: 1 em for CJK and full-width forms,
 * half an em for ASCII.
 */
import { type FormDoc, type Placed, placeCells } from './document.ts';
import type { Damage } from './model.ts';
import type { Rng } from './random.ts';

const PAGE_W = 842;
const PAGE_H = 595;
const MARGIN = 36;
const FONT = 8;
const LEADING = 10;

function charWidth(ch: string, size: number): number {
  return ch.charCodeAt(0) < 0x80 ? size / 2 : size;
}

function textWidth(text: string, size: number): number {
  let w = 0;
  for (const ch of text) w += charWidth(ch, size);
  return w;
}

/** Lines of `text` wrapped to `width` points, breaking anywhere (Chinese text has no spaces). */
function wrap(text: string, width: number, size: number): string[] {
  const out: string[] = [];
  for (const para of text.split('\n')) {
    let line = '';
    let w = 0;
    for (const ch of para) {
      const cw = charWidth(ch, size);
      if (w + cw > width && line !== '') {
        out.push(line);
        line = '';
        w = 0;
      }
      line += ch;
      w += cw;
    }
    out.push(line);
  }
  return out.filter((l, _, all) => l !== '' || all.length === 1);
}

interface DrawText {
  page: number;
  x: number;
  /** baseline, from the page's top */
  y: number;
  size: number;
  text: string;
}

interface DrawLine {
  page: number;
  x0: number;
  y0: number;
  x1: number;
  y1: number;
}

/** Glyph ids: one per distinct character, in order of first use, and text as their hex codes. */
function glyphTable(): { ids: Map<string, number>; hex: (text: string) => string } {
  const ids = new Map<string, number>();
  const id = (ch: string): number => {
    let n = ids.get(ch);
    if (n === undefined) {
      n = ids.size + 1;
      ids.set(ch, n);
    }
    return n;
  };
  return {
    ids,
    hex: (text) => {
      let s = '';
      for (const ch of text) s += id(ch).toString(16).padStart(4, '0');
      return s;
    },
  };
}

/** The top-left positions of the table's cells, row by row. */
function* anchors(grid: (Placed | null)[][]): Generator<{ p: Placed; ri: number; ci: number }> {
  for (let ri = 0; ri < grid.length; ri++) {
    const row = grid[ri]!;
    for (let ci = 0; ci < row.length; ci++) {
      const p = row[ci];
      if (p && p.row === ri && p.col === ci) yield { p, ri, ci };
    }
  }
}

function fmt(n: number): string {
  return (Math.round(n * 100) / 100).toString();
}

export function renderPdf(doc: FormDoc, rng: Rng, ruled: boolean): { bytes: Uint8Array; damage: Damage[] } {
  const damage: Damage[] = [];
  if (!ruled) damage.push({ kind: 'no-rulings', where: '整张表' });
  const pageNumbers = rng.chance(0.5);
  // without lines, only white space tells the columns apart: a printed form leaves plenty
  const PAD = ruled ? 3 : 9;
  const PAD_Y = 3;
  const grid = placeCells(doc);
  const cols = doc.columns;
  const usable = PAGE_W - 2 * MARGIN;

  // column widths from the texts of single-column cells, capped, then scaled to the page
  const want = new Array<number>(cols).fill(24);
  for (const { p, ci } of anchors(grid)) {
    if (p.cell.cs !== 1) continue;
    const longest = Math.max(...p.cell.text.split('\n').map((l) => textWidth(l, FONT)));
    want[ci] = Math.max(want[ci]!, Math.min(longest, 150) + 2 * PAD);
  }
  const scale = usable / want.reduce((a, b) => a + b, 0);
  const widths = want.map((w) => w * scale);
  const xs = [MARGIN];
  for (const w of widths) xs.push(xs[xs.length - 1]! + w);

  // wrapped lines of every cell, and the row heights they need
  const lines = new Map<string, string[]>();
  const heights = new Array<number>(grid.length).fill(LEADING + 2 * PAD_Y);
  const key = (r: number, c: number) => `${r}:${c}`;
  for (const { p, ri, ci } of anchors(grid)) {
    const w = xs[ci + p.cell.cs]! - xs[ci]! - 2 * PAD;
    const ls = p.cell.text === '' ? [] : wrap(p.cell.text, w, FONT);
    lines.set(key(ri, ci), ls);
    if (p.cell.rs === 1) heights[ri] = Math.max(heights[ri]!, ls.length * LEADING + 2 * PAD_Y);
  }
  for (const { p, ri, ci } of anchors(grid)) {
    if (p.cell.rs === 1) continue;
    const need = (lines.get(key(ri, ci))?.length ?? 0) * LEADING + 2 * PAD_Y;
    const have = heights.slice(ri, ri + p.cell.rs).reduce((a, b) => a + b, 0);
    if (need > have) heights[ri + p.cell.rs - 1] = heights[ri + p.cell.rs - 1]! + need - have;
  }

  // the page and top of every row; a row that does not fit goes to the next page
  const texts: DrawText[] = [];
  const rules: DrawLine[] = [];
  let page = 0;
  let y = MARGIN;
  for (const t of doc.title) {
    const size = t === doc.title[doc.title.length - 1] ? 14 : 10;
    texts.push({ page, x: (PAGE_W - textWidth(t, size)) / 2, y: y + size, size, text: t });
    y += size + 8;
  }
  if (doc.before.length > 0) {
    // '单位名称：…' at the left, '填报日期：…' further along the same line
    doc.before.forEach((b, i) => {
      texts.push({ page, x: MARGIN + (i * usable) / doc.before.length, y: y + 10, size: 10, text: b });
    });
    y += 18;
  }
  const bottom = PAGE_H - MARGIN - (pageNumbers ? 16 : 0);
  const rowPage: number[] = [];
  const rowTop: number[] = [];
  heights.forEach((h, ri) => {
    if (y + h > bottom) {
      page++;
      y = MARGIN;
    }
    rowPage[ri] = page;
    rowTop[ri] = y;
    y += h;
  });
  if (rowPage[rowPage.length - 1]! > 0)
    damage.push({ kind: 'page-split', where: `第${rowPage.indexOf(1) + 1}行起在第2页` });

  for (const { p, ri, ci } of anchors(grid)) {
    const x0 = xs[ci]!;
    const x1 = xs[ci + p.cell.cs]!;
    const last = ri + p.cell.rs - 1;
    // the span's parts, one per page it reaches
    const parts: { page: number; top: number; bottom: number }[] = [];
    for (let r = ri; r <= last; r++) {
      const part = parts[parts.length - 1];
      if (part && part.page === rowPage[r]) part.bottom = rowTop[r]! + heights[r]!;
      else parts.push({ page: rowPage[r]!, top: rowTop[r]!, bottom: rowTop[r]! + heights[r]! });
    }
    if (ruled) {
      for (const part of parts) {
        rules.push({ page: part.page, x0, y0: part.top, x1, y1: part.top });
        rules.push({ page: part.page, x0, y0: part.bottom, x1, y1: part.bottom });
        rules.push({ page: part.page, x0, y0: part.top, x1: x0, y1: part.bottom });
        rules.push({ page: part.page, x0: x1, y0: part.top, x1, y1: part.bottom });
      }
    }
    const ls = lines.get(key(ri, ci)) ?? [];
    if (ls.length === 0) continue;
    // centred on the whole span; on the part that holds the span's middle
    const total = parts.reduce((n, part) => n + part.bottom - part.top, 0);
    let middle = total / 2;
    let host = parts[0]!;
    for (const part of parts) {
      host = part;
      if (middle <= part.bottom - part.top) break;
      middle -= part.bottom - part.top;
    }
    const block = ls.length * LEADING;
    let top = host.top + middle - block / 2;
    top = Math.max(host.top + 1, Math.min(top, host.bottom - block - 1));
    // long texts start at the cell's left edge; labels, headers and values are centred, as forms set them
    const left = p.cell.role === 'text' || p.cell.role === 'deviation';
    ls.forEach((text, i) => {
      const x = left ? x0 + PAD : (x0 + x1 - textWidth(text, FONT)) / 2;
      texts.push({ page: host.page, x, y: top + (i + 1) * LEADING - 2, size: FONT, text });
    });
  }
  const lastPage = rowPage[rowPage.length - 1] ?? 0;
  y = (rowTop[rowTop.length - 1] ?? MARGIN) + (heights[heights.length - 1] ?? 0) + 6;
  for (const a of doc.after) {
    texts.push({ page: lastPage, x: MARGIN, y: y + 9, size: 9, text: a });
    y += 13;
  }
  const pages = lastPage + 1;
  if (pageNumbers) {
    for (let pg = 0; pg < pages; pg++) {
      const t = `第 ${pg + 1} 页，共 ${pages} 页`;
      texts.push({ page: pg, x: (PAGE_W - textWidth(t, 8)) / 2, y: PAGE_H - MARGIN + 4, size: 8, text: t });
    }
  }
  return { bytes: writePdf(pages, texts, rules), damage };
}

function writePdf(pages: number, texts: DrawText[], rules: DrawLine[]): Uint8Array {
  const glyphs = glyphTable();
  const contents: string[] = [];
  for (let pg = 0; pg < pages; pg++) {
    const ops: string[] = ['0.5 w 0 G'];
    for (const r of rules) {
      if (r.page !== pg) continue;
      ops.push(`${fmt(r.x0)} ${fmt(PAGE_H - r.y0)} m ${fmt(r.x1)} ${fmt(PAGE_H - r.y1)} l S`);
    }
    ops.push('BT');
    for (const t of texts) {
      if (t.page !== pg) continue;
      ops.push(`/F1 ${t.size} Tf 1 0 0 1 ${fmt(t.x)} ${fmt(PAGE_H - t.y)} Tm <${glyphs.hex(t.text)}> Tj`);
    }
    ops.push('ET');
    contents.push(ops.join('\n'));
  }
  // objects: 1 catalog, 2 pages, 3 type0 font, 4 cid font, 5 descriptor, 6 tounicode, then page + content pairs
  const objects: string[] = [];
  const pageIds = Array.from({ length: pages }, (_, i) => 7 + 2 * i);
  objects[1] = '<< /Type /Catalog /Pages 2 0 R >>';
  objects[2] = `<< /Type /Pages /Kids [${pageIds.map((id) => `${id} 0 R`).join(' ')}] /Count ${pages} >>`;
  objects[3] =
    '<< /Type /Font /Subtype /Type0 /BaseFont /SimSun /Encoding /Identity-H /DescendantFonts [4 0 R] /ToUnicode 6 0 R >>';
  const widths: string[] = [];
  for (const [ch, id] of glyphs.ids) widths.push(`${id} [${ch.charCodeAt(0) < 0x80 ? 500 : 1000}]`);
  objects[4] =
    '<< /Type /Font /Subtype /CIDFontType2 /BaseFont /SimSun /CIDSystemInfo << /Registry (Adobe) /Ordering (Identity) /Supplement 0 >> ' +
    `/FontDescriptor 5 0 R /DW 1000 /W [${widths.join(' ')}] /CIDToGIDMap /Identity >>`;
  objects[5] =
    '<< /Type /FontDescriptor /FontName /SimSun /Flags 6 /FontBBox [0 -141 1000 859] /ItalicAngle 0 /Ascent 859 /Descent -141 /CapHeight 683 /StemV 80 >>';
  const chars = [...glyphs.ids];
  const blocks: string[] = [];
  for (let i = 0; i < chars.length; i += 100) {
    const chunk = chars.slice(i, i + 100);
    blocks.push(
      `${chunk.length} beginbfchar\n${chunk
        .map(([ch, id]) => {
          const code = ch.codePointAt(0)!;
          const utf16 =
            code > 0xffff ? [0xd800 + ((code - 0x10000) >> 10), 0xdc00 + ((code - 0x10000) & 0x3ff)] : [code];
          return `<${id.toString(16).padStart(4, '0')}> <${utf16.map((u) => u.toString(16).padStart(4, '0')).join('')}>`;
        })
        .join('\n')}\nendbfchar`,
    );
  }
  const cmap = [
    '/CIDInit /ProcSet findresource begin',
    '12 dict begin',
    'begincmap',
    '/CIDSystemInfo << /Registry (Adobe) /Ordering (UCS) /Supplement 0 >> def',
    '/CMapName /Adobe-Identity-UCS def',
    '/CMapType 2 def',
    '1 begincodespacerange',
    '<0000> <FFFF>',
    'endcodespacerange',
    ...blocks,
    'endcmap',
    'CMapName currentdict /CMap defineresource pop',
    'end',
    'end',
  ].join('\n');
  objects[6] = stream(cmap);
  pageIds.forEach((id, i) => {
    objects[id] =
      `<< /Type /Page /Parent 2 0 R /MediaBox [0 0 ${PAGE_W} ${PAGE_H}] ` +
      `/Resources << /Font << /F1 3 0 R >> >> /Contents ${id + 1} 0 R >>`;
    objects[id + 1] = stream(contents[i]!);
  });
  let out = '%PDF-1.4\n%\xe2\xe3\xcf\xd3\n';
  const offsets: number[] = [];
  for (let id = 1; id < objects.length; id++) {
    offsets[id] = out.length;
    out += `${id} 0 obj\n${objects[id]}\nendobj\n`;
  }
  const xref = out.length;
  out += `xref\n0 ${objects.length}\n0000000000 65535 f \n`;
  for (let id = 1; id < objects.length; id++) out += `${String(offsets[id]).padStart(10, '0')} 00000 n \n`;
  out += `trailer\n<< /Size ${objects.length} /Root 1 0 R >>\nstartxref\n${xref}\n%%EOF\n`;
  // every byte is below 0x100 (the text is hex), so Latin-1 is the file's bytes
  const bytes = new Uint8Array(out.length);
  for (let i = 0; i < out.length; i++) bytes[i] = out.charCodeAt(i);
  return bytes;
}

function stream(content: string): string {
  return `<< /Length ${content.length} >>\nstream\n${content}\nendstream`;
}
