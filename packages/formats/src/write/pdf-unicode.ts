/**
 * Putting right the text layer of Chromium's PDFs. Skia writes each embedded font's ToUnicode
 * map from the font's cmap, taking for every glyph the *lowest* code point that maps to it. The
 * Noto CJK fonts share one glyph between an ideograph and its radical or variant (长 and ⻓
 * U+2ED3, 民 and ⺠, 门 and ⻔, 户 and 戶), so a PDF printed with them says "天⻓市" where the page
 * shows 天长市: copying, searching and every reader that trusts ToUnicode get the wrong text.
 *
 * The fix: we know every character the page holds. For each ToUnicode entry whose character is
 * not among them, look up which characters share its glyph in the font the PDF names (found
 * with fontconfig, its cmap read here), and map the entry to the one the page holds. Objects are
 * rewritten and the cross-reference table rebuilt; a PDF that needs nothing is returned as is.
 */
import { execFileSync } from 'node:child_process';
import { readFileSync } from 'node:fs';
import { unzlibSync, zlibSync } from 'fflate';

/** Code point → every code point drawn with the same glyph, for the code points that share one. */
export type GlyphSharing = Map<number, number[]>;

function u16(b: Uint8Array, o: number): number {
  return (b[o]! << 8) | b[o + 1]!;
}
function u32(b: Uint8Array, o: number): number {
  return ((b[o]! << 24) >>> 0) + ((b[o + 1]! << 16) | (b[o + 2]! << 8) | b[o + 3]!);
}

/** The code point → glyph map of face `index` of an OpenType/TrueType font or collection. */
export function readCmap(font: Uint8Array, index = 0): Map<number, number> {
  let face = 0;
  if (String.fromCharCode(...font.subarray(0, 4)) === 'ttcf') {
    const count = u32(font, 8);
    face = u32(font, 12 + 4 * Math.min(index, count - 1));
  }
  const numTables = u16(font, face + 4);
  let cmap = -1;
  for (let t = 0; t < numTables; t++) {
    const rec = face + 12 + 16 * t;
    if (String.fromCharCode(...font.subarray(rec, rec + 4)) === 'cmap') cmap = u32(font, rec + 8);
  }
  const out = new Map<number, number>();
  if (cmap < 0) return out;
  const subtables = u16(font, cmap + 2);
  let best: { offset: number; format: number } | null = null;
  for (let s = 0; s < subtables; s++) {
    const rec = cmap + 4 + 8 * s;
    const platform = u16(font, rec);
    const encoding = u16(font, rec + 2);
    const offset = cmap + u32(font, rec + 4);
    const format = u16(font, offset);
    const unicode = platform === 0 || (platform === 3 && (encoding === 1 || encoding === 10));
    if (!unicode || (format !== 4 && format !== 12)) continue;
    if (best === null || (format === 12 && best.format !== 12)) best = { offset, format };
  }
  if (!best) return out;
  const o = best.offset;
  if (best.format === 12) {
    const groups = u32(font, o + 12);
    for (let g = 0; g < groups; g++) {
      const rec = o + 16 + 12 * g;
      const start = u32(font, rec);
      const end = u32(font, rec + 4);
      const glyph = u32(font, rec + 8);
      for (let c = start; c <= end && c <= 0x10ffff; c++) out.set(c, glyph + (c - start));
    }
    return out;
  }
  const segs = u16(font, o + 6) / 2;
  const ends = o + 14;
  const starts = ends + 2 * segs + 2;
  const deltas = starts + 2 * segs;
  const ranges = deltas + 2 * segs;
  for (let s = 0; s < segs; s++) {
    const end = u16(font, ends + 2 * s);
    const start = u16(font, starts + 2 * s);
    const delta = u16(font, deltas + 2 * s);
    const rangeOffset = u16(font, ranges + 2 * s);
    for (let c = start; c <= end && c !== 0xffff; c++) {
      let glyph: number;
      if (rangeOffset === 0) glyph = (c + delta) & 0xffff;
      else {
        const at = ranges + 2 * s + rangeOffset + 2 * (c - start);
        glyph = u16(font, at);
        if (glyph !== 0) glyph = (glyph + delta) & 0xffff;
      }
      if (glyph !== 0) out.set(c, glyph);
    }
  }
  return out;
}

/** Which code points share a glyph in a font's cmap. */
export function glyphSharing(cmap: Map<number, number>): GlyphSharing {
  const byGlyph = new Map<number, number[]>();
  for (const [code, glyph] of cmap) {
    const list = byGlyph.get(glyph);
    if (list) list.push(code);
    else byGlyph.set(glyph, [code]);
  }
  const out: GlyphSharing = new Map();
  for (const codes of byGlyph.values()) {
    if (codes.length < 2) continue;
    for (const c of codes) out.set(c, codes);
  }
  return out;
}

const sharingCache = new Map<string, GlyphSharing | null>();

/**
 * The glyph sharing of an installed font by its PostScript name (a PDF's FontName without the
 * subset tag), through fontconfig. Null when fontconfig or the font is not found: the PDF then
 * keeps the text layer Chromium wrote.
 */
export function systemFontSharing(postscriptName: string): GlyphSharing | null {
  if (sharingCache.has(postscriptName)) return sharingCache.get(postscriptName)!;
  let result: GlyphSharing | null = null;
  try {
    const found = execFileSync(
      'fc-list',
      ['-f', '%{file}\t%{index}\n', `:postscriptname=${postscriptName}`],
      {
        encoding: 'utf8',
        timeout: 10_000,
        stdio: ['ignore', 'pipe', 'ignore'],
      },
    );
    const m = /^(.+)\t(\d+)$/m.exec(found);
    if (m?.[1]) result = glyphSharing(readCmap(new Uint8Array(readFileSync(m[1])), Number(m[2])));
  } catch {
    result = null;
  }
  sharingCache.set(postscriptName, result);
  return result;
}

interface PdfObject {
  num: number;
  start: number;
  end: number;
  text: string;
}

/** Every `N 0 obj … endobj` of a PDF read as latin1 (one character per byte). */
function objects(pdf: string): PdfObject[] {
  const out: PdfObject[] = [];
  const re = /(^|[\r\n])(\d+) 0 obj\b/g;
  let m: RegExpExecArray | null = re.exec(pdf);
  while (m !== null) {
    const start = m.index + m[1]!.length;
    const endobjAt = pdf.indexOf('endobj', start);
    if (endobjAt < 0) break;
    // searched inside this object only: a file has hundreds of objects
    const inside = pdf.slice(start, endobjAt).indexOf('stream');
    const streamAt = inside < 0 ? -1 : start + inside;
    let end = endobjAt + 'endobj'.length;
    if (streamAt >= 0 && streamAt < endobjAt) {
      // a stream's bytes may hold "endobj": step over them by their length
      const length = /\/Length (\d+)(?! \d+ R)/.exec(pdf.slice(start, streamAt));
      if (length) {
        const data = pdf.indexOf('\n', streamAt) + 1;
        const after = pdf.indexOf('endobj', data + Number(length[1]));
        if (after >= 0) end = after + 'endobj'.length;
      }
    }
    out.push({ num: Number(m[2]), start, end, text: pdf.slice(start, end) });
    re.lastIndex = end;
    m = re.exec(pdf);
  }
  return out;
}

function streamData(obj: PdfObject): Uint8Array | null {
  const at = obj.text.indexOf('stream');
  const length = /\/Length (\d+)/.exec(obj.text);
  if (at < 0 || !length || !/\/FlateDecode/.test(obj.text.slice(0, at))) return null;
  const start = obj.text.indexOf('\n', at) + 1;
  const raw = Buffer.from(obj.text.slice(start, start + Number(length[1])), 'latin1');
  try {
    return unzlibSync(new Uint8Array(raw));
  } catch {
    return null;
  }
}

function ref(text: string, key: string): number | null {
  const m = new RegExp(`/${key} (\\d+) 0 R`).exec(text);
  return m ? Number(m[1]) : null;
}

function hex(cp: number): string {
  const s = String.fromCodePoint(cp);
  let out = '';
  for (let i = 0; i < s.length; i++) out += s.charCodeAt(i).toString(16).toUpperCase().padStart(4, '0');
  return out;
}

/** The single code point a ToUnicode destination stands for, or null for longer strings. */
function single(dst: string): number | null {
  const units: number[] = [];
  for (let i = 0; i + 4 <= dst.length; i += 4) units.push(Number.parseInt(dst.slice(i, i + 4), 16));
  const s = String.fromCharCode(...units);
  const cp = s.codePointAt(0);
  return cp !== undefined && String.fromCodePoint(cp) === s ? cp : null;
}

/**
 * A ToUnicode CMap with every entry that names a character the page does not hold remapped to
 * the page's character drawn with the same glyph; null when nothing changes.
 */
export function fixCmap(cmap: string, pageChars: ReadonlySet<number>, sharing: GlyphSharing): string | null {
  const entries: [string, string][] = [];
  const body = cmap.replace(
    /\d+\s+beginbf(char|range)([\s\S]*?)endbf\1\s*/g,
    (_all, kind: string, block: string) => {
      if (kind === 'char') {
        for (const m of block.matchAll(/<([0-9A-Fa-f]+)>\s*<([0-9A-Fa-f]+)>/g)) entries.push([m[1]!, m[2]!]);
      } else {
        for (const m of block.matchAll(
          /<([0-9A-Fa-f]+)>\s*<([0-9A-Fa-f]+)>\s*(<[0-9A-Fa-f]+>|\[[^\]]*\])/g,
        )) {
          const lo = Number.parseInt(m[1]!, 16);
          const hi = Number.parseInt(m[2]!, 16);
          const width = m[1]!.length;
          const dsts = m[3]!.startsWith('[')
            ? [...m[3]!.matchAll(/<([0-9A-Fa-f]+)>/g)].map((d) => d[1]!)
            : null;
          const base = dsts ? null : single(m[3]!.slice(1, -1));
          for (let c = lo; c <= hi; c++) {
            const src = c.toString(16).toUpperCase().padStart(width, '0');
            if (dsts) entries.push([src, dsts[c - lo] ?? '']);
            else if (base !== null) entries.push([src, hex(base + (c - lo))]);
          }
        }
      }
      return '';
    },
  );
  let changed = false;
  const fixed = entries.map(([src, dst]): [string, string] => {
    const cp = single(dst);
    if (cp === null || pageChars.has(cp)) return [src, dst];
    const twin = sharing.get(cp)?.find((c) => pageChars.has(c));
    if (twin === undefined) return [src, dst];
    changed = true;
    return [src, hex(twin)];
  });
  if (!changed) return null;
  const blocks: string[] = [];
  for (let i = 0; i < fixed.length; i += 100) {
    const part = fixed.slice(i, i + 100);
    blocks.push(
      `${part.length} beginbfchar\n${part.map(([s, d]) => `<${s}> <${d}>`).join('\n')}\nendbfchar\n`,
    );
  }
  return body.replace(/endcodespacerange\s*/, (m) => `${m}${blocks.join('')}`);
}

/**
 * The PDF with its ToUnicode maps put right for the characters of `pageText`. `sharingOf` finds a
 * font's glyph sharing by PostScript name (systemFontSharing by default).
 */
export function fixPdfText(
  pdf: Uint8Array,
  pageText: string,
  sharingOf: (postscriptName: string) => GlyphSharing | null = systemFontSharing,
): Uint8Array {
  const text = Buffer.from(pdf).toString('latin1');
  const objs = objects(text);
  const byNum = new Map(objs.map((o) => [o.num, o]));
  const pageChars = new Set<number>();
  for (const ch of pageText) pageChars.add(ch.codePointAt(0)!);
  const replaced = new Map<number, string>();
  for (const font of objs) {
    if (!/\/Type \/Font\b/.test(font.text)) continue;
    const toUnicode = ref(font.text, 'ToUnicode');
    if (toUnicode === null || replaced.has(toUnicode)) continue;
    let descriptorHolder = font.text;
    const descendant = /\/DescendantFonts \[(\d+) 0 R\]/.exec(font.text);
    if (descendant) descriptorHolder = byNum.get(Number(descendant[1]))?.text ?? '';
    const descriptor = ref(descriptorHolder, 'FontDescriptor');
    const name =
      descriptor === null
        ? null
        : /\/FontName \/(?:[A-Z]{6}\+)?([^\s/<>[\]()]+)/.exec(byNum.get(descriptor)?.text ?? '');
    if (!name?.[1]) continue;
    const sharing = sharingOf(name[1]);
    const cmapObj = byNum.get(toUnicode);
    if (!sharing || !cmapObj) continue;
    const data = streamData(cmapObj);
    if (!data) continue;
    const fixed = fixCmap(Buffer.from(data).toString('latin1'), pageChars, sharing);
    if (fixed === null) continue;
    const packed = Buffer.from(zlibSync(new Uint8Array(Buffer.from(fixed, 'latin1')))).toString('latin1');
    replaced.set(
      toUnicode,
      `${toUnicode} 0 obj\n<</Filter /FlateDecode\n/Length ${packed.length}>> stream\n${packed}\nendstream\nendobj`,
    );
  }
  if (replaced.size === 0) return pdf;
  return rebuild(text, objs, replaced);
}

/** The file with some objects replaced, and a cross-reference table for the new offsets. */
function rebuild(text: string, objs: PdfObject[], replaced: Map<number, string>): Uint8Array {
  const first = objs[0]?.start ?? 0;
  const parts: string[] = [text.slice(0, first)];
  const offsets = new Map<number, number>();
  let at = first;
  for (const o of objs) {
    const body = replaced.get(o.num) ?? o.text;
    offsets.set(o.num, at);
    parts.push(body, '\n');
    at += body.length + 1;
  }
  const trailer = /trailer\s*(<<[\s\S]*?>>)\s*startxref/.exec(text)?.[1] ?? '';
  const size = Math.max(Number(/\/Size (\d+)/.exec(trailer)?.[1] ?? 0), ...objs.map((o) => o.num + 1));
  const xref = ['xref', `0 ${size}`, '0000000000 65535 f '];
  for (let n = 1; n < size; n++) {
    const off = offsets.get(n);
    xref.push(off === undefined ? '0000000000 65535 f ' : `${String(off).padStart(10, '0')} 00000 n `);
  }
  parts.push(`${xref.join('\n')}\ntrailer\n${trailer}\nstartxref\n${at}\n%%EOF\n`);
  return new Uint8Array(Buffer.from(parts.join(''), 'latin1'));
}
