/**
 * Minimal OOXML packages and raw zips, for fixtures and tests: a docx is a WordprocessingML
 * body in a zip, an xlsx a few SpreadsheetML parts. Writing them by hand lets tests reach what
 * office suites rarely write but uploads may contain (inline strings, lying zip headers,
 * entity declarations, entries named "../x").
 */
import { deflateSync, strToU8, zipSync } from 'fflate';

/** fixed, so that fixtures rebuild to the same bytes */
const MTIME = new Date('2024-06-10T00:00:00Z');

export const W_NS = 'http://schemas.openxmlformats.org/wordprocessingml/2006/main';
export const S_NS = 'http://schemas.openxmlformats.org/spreadsheetml/2006/main';
const R_NS = 'http://schemas.openxmlformats.org/officeDocument/2006/relationships';
const REL_DOC = 'http://schemas.openxmlformats.org/officeDocument/2006/relationships/officeDocument';
const REL_SHEET = 'http://schemas.openxmlformats.org/officeDocument/2006/relationships/worksheet';
const REL_SST = 'http://schemas.openxmlformats.org/officeDocument/2006/relationships/sharedStrings';
const REL_STYLES = 'http://schemas.openxmlformats.org/officeDocument/2006/relationships/styles';

const XML_DECL = '<?xml version="1.0" encoding="UTF-8" standalone="yes"?>\n';

export function escapeXml(s: string): string {
  return s.replace(/&/g, '&amp;').replace(/</g, '&lt;').replace(/>/g, '&gt;').replace(/"/g, '&quot;');
}

function rels(items: { id: string; type: string; target: string }[]): string {
  return (
    XML_DECL +
    '<Relationships xmlns="http://schemas.openxmlformats.org/package/2006/relationships">' +
    items.map((r) => `<Relationship Id="${r.id}" Type="${r.type}" Target="${r.target}"/>`).join('') +
    '</Relationships>'
  );
}

export function zipParts(parts: Record<string, string | Uint8Array>): Uint8Array {
  const files: Record<string, Uint8Array> = {};
  for (const [name, content] of Object.entries(parts)) {
    files[name] = typeof content === 'string' ? strToU8(content) : content;
  }
  return zipSync(files, { mtime: MTIME, level: 6 });
}

// ---------------------------------------------------------------- docx

/** A paragraph; "\n" in the text becomes <w:br/>. */
export function wP(text: string): string {
  if (text === '') return '<w:p/>';
  const runs = text
    .split('\n')
    .map((part, i) => `${i > 0 ? '<w:br/>' : ''}<w:t xml:space="preserve">${escapeXml(part)}</w:t>`)
    .join('');
  return `<w:p><w:r>${runs}</w:r></w:p>`;
}

export interface WCell {
  /** paragraphs, or raw XML content (e.g. a nested table) when `xml` is set */
  text?: string | string[];
  xml?: string;
  span?: number;
  vMerge?: 'restart' | 'continue';
}

export function wTc(cell: WCell | string): string {
  const c: WCell = typeof cell === 'string' ? { text: cell } : cell;
  const pr =
    (c.span && c.span > 1 ? `<w:gridSpan w:val="${c.span}"/>` : '') +
    (c.vMerge === 'restart' ? '<w:vMerge w:val="restart"/>' : c.vMerge === 'continue' ? '<w:vMerge/>' : '');
  const paras = Array.isArray(c.text) ? c.text : [c.text ?? ''];
  const content = (c.xml ?? '') + paras.map(wP).join('');
  return `<w:tc><w:tcPr><w:tcW w:w="1000" w:type="dxa"/>${pr}</w:tcPr>${content || '<w:p/>'}</w:tc>`;
}

export function wTbl(rows: (WCell | string)[][], gridCols: number): string {
  const grid = `<w:tblGrid>${'<w:gridCol w:w="1000"/>'.repeat(gridCols)}</w:tblGrid>`;
  const body = rows.map((r) => `<w:tr>${r.map(wTc).join('')}</w:tr>`).join('');
  return `<w:tbl><w:tblPr><w:tblBorders/></w:tblPr>${grid}${body}</w:tbl>`;
}

/** A .docx whose body is `bodyXml` (paragraphs and tables). */
export function buildDocx(bodyXml: string, extraParts: Record<string, string | Uint8Array> = {}): Uint8Array {
  return zipParts({
    '[Content_Types].xml':
      XML_DECL +
      '<Types xmlns="http://schemas.openxmlformats.org/package/2006/content-types">' +
      '<Default Extension="rels" ContentType="application/vnd.openxmlformats-package.relationships+xml"/>' +
      '<Default Extension="xml" ContentType="application/xml"/>' +
      '<Override PartName="/word/document.xml" ContentType="application/vnd.openxmlformats-officedocument.wordprocessingml.document.main+xml"/>' +
      '</Types>',
    '_rels/.rels': rels([{ id: 'rId1', type: REL_DOC, target: 'word/document.xml' }]),
    'word/document.xml': `${XML_DECL}<w:document xmlns:w="${W_NS}" xmlns:r="${R_NS}"><w:body>${bodyXml}<w:sectPr/></w:body></w:document>`,
    ...extraParts,
  });
}

// ---------------------------------------------------------------- xlsx

export interface XSheet {
  name: string;
  /** the <sheetData> content and anything after it (<mergeCells>), as raw XML */
  xml: string;
  state?: 'hidden' | 'veryHidden';
}

/** A .xlsx from raw sheet XML; `sharedStrings` and `styles` are optional raw parts. */
export function buildXlsx(args: {
  sheets: XSheet[];
  sharedStrings?: string[];
  /** numFmts: [id, code]; cellXfs: numFmtId per style index */
  numFmts?: [number, string][];
  cellXfs?: number[];
  date1904?: boolean;
  extraParts?: Record<string, string | Uint8Array>;
  /** replace a generated part's content (e.g. to add a DOCTYPE) */
  override?: Record<string, string>;
}): Uint8Array {
  const sheetRels = args.sheets.map((_, i) => ({
    id: `rId${i + 1}`,
    type: REL_SHEET,
    target: `worksheets/sheet${i + 1}.xml`,
  }));
  const parts: Record<string, string | Uint8Array> = {
    '[Content_Types].xml':
      XML_DECL +
      '<Types xmlns="http://schemas.openxmlformats.org/package/2006/content-types">' +
      '<Default Extension="rels" ContentType="application/vnd.openxmlformats-package.relationships+xml"/>' +
      '<Default Extension="xml" ContentType="application/xml"/>' +
      '<Override PartName="/xl/workbook.xml" ContentType="application/vnd.openxmlformats-officedocument.spreadsheetml.sheet.main+xml"/>' +
      '</Types>',
    '_rels/.rels': rels([{ id: 'rId1', type: REL_DOC, target: 'xl/workbook.xml' }]),
    'xl/workbook.xml':
      `${XML_DECL}<workbook xmlns="${S_NS}" xmlns:r="${R_NS}">` +
      (args.date1904 ? '<workbookPr date1904="1"/>' : '<workbookPr/>') +
      '<sheets>' +
      args.sheets
        .map(
          (s, i) =>
            `<sheet name="${escapeXml(s.name)}" sheetId="${i + 1}"${s.state ? ` state="${s.state}"` : ''} r:id="rId${i + 1}"/>`,
        )
        .join('') +
      '</sheets></workbook>',
    'xl/_rels/workbook.xml.rels': rels([
      ...sheetRels,
      { id: 'rIdS', type: REL_SST, target: 'sharedStrings.xml' },
      { id: 'rIdY', type: REL_STYLES, target: 'styles.xml' },
    ]),
    'xl/styles.xml':
      `${XML_DECL}<styleSheet xmlns="${S_NS}">` +
      `<numFmts count="${args.numFmts?.length ?? 0}">` +
      (args.numFmts ?? [])
        .map(([id, code]) => `<numFmt numFmtId="${id}" formatCode="${escapeXml(code)}"/>`)
        .join('') +
      '</numFmts><cellStyleXfs count="1"><xf numFmtId="0"/></cellStyleXfs>' +
      `<cellXfs>${(args.cellXfs ?? [0]).map((id) => `<xf numFmtId="${id}" xfId="0" applyNumberFormat="1"/>`).join('')}</cellXfs>` +
      '</styleSheet>',
    'xl/sharedStrings.xml':
      `${XML_DECL}<sst xmlns="${S_NS}">` +
      (args.sharedStrings ?? [])
        .map((s) => (s.startsWith('<') ? `<si>${s}</si>` : `<si><t>${escapeXml(s)}</t></si>`))
        .join('') +
      '</sst>',
  };
  args.sheets.forEach((s, i) => {
    parts[`xl/worksheets/sheet${i + 1}.xml`] =
      `${XML_DECL}<worksheet xmlns="${S_NS}" xmlns:r="${R_NS}">${s.xml}</worksheet>`;
  });
  Object.assign(parts, args.override ?? {}, args.extraParts ?? {});
  return zipParts(parts);
}

// ---------------------------------------------------------------- raw zip

export interface RawEntry {
  name: string;
  /** deflated (method 8) or stored (method 0) payload */
  data: Uint8Array;
  method: 0 | 8;
  /** the uncompressed size written into the headers; may lie */
  declaredSize: number;
  /** general-purpose flags (bit 0: encrypted) */
  flags?: number;
}

/** An entry with its content deflated and its true size declared. */
export function deflatedEntry(name: string, content: string | Uint8Array): RawEntry {
  const raw = typeof content === 'string' ? strToU8(content) : content;
  return { name, data: deflateSync(raw), method: 8, declaredSize: raw.length };
}

/** A zip written byte by byte, headers exactly as given (CRC left 0: our reader does not check it). */
export function rawZip(entries: RawEntry[]): Uint8Array {
  const enc = new TextEncoder();
  const chunks: Uint8Array[] = [];
  const central: Uint8Array[] = [];
  let offset = 0;
  for (const e of entries) {
    const name = enc.encode(e.name);
    const local = new Uint8Array(30 + name.length);
    const lv = new DataView(local.buffer);
    lv.setUint32(0, 0x04034b50, true);
    lv.setUint16(4, 20, true);
    lv.setUint16(6, (e.flags ?? 0) | 0x800, true);
    lv.setUint16(8, e.method, true);
    lv.setUint32(18, e.data.length, true);
    lv.setUint32(22, e.declaredSize, true);
    lv.setUint16(26, name.length, true);
    local.set(name, 30);
    const cd = new Uint8Array(46 + name.length);
    const cv = new DataView(cd.buffer);
    cv.setUint32(0, 0x02014b50, true);
    cv.setUint16(4, 20, true);
    cv.setUint16(6, 20, true);
    cv.setUint16(8, (e.flags ?? 0) | 0x800, true);
    cv.setUint16(10, e.method, true);
    cv.setUint32(20, e.data.length, true);
    cv.setUint32(24, e.declaredSize, true);
    cv.setUint16(28, name.length, true);
    cv.setUint32(42, offset, true);
    cd.set(name, 46);
    chunks.push(local, e.data);
    central.push(cd);
    offset += local.length + e.data.length;
  }
  const cdSize = central.reduce((n, c) => n + c.length, 0);
  const end = new Uint8Array(22);
  const ev = new DataView(end.buffer);
  ev.setUint32(0, 0x06054b50, true);
  ev.setUint16(8, entries.length, true);
  ev.setUint16(10, entries.length, true);
  ev.setUint32(12, cdSize, true);
  ev.setUint32(16, offset, true);
  const all = [...chunks, ...central, end];
  const out = new Uint8Array(all.reduce((n, c) => n + c.length, 0));
  let o = 0;
  for (const c of all) {
    out.set(c, o);
    o += c.length;
  }
  return out;
}
