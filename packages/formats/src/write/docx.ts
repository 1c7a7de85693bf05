/**
 * The official table as a Word document, for units that paste it into their reports. The
 * WordprocessingML is written by hand and zipped with fflate: a form needs one table with
 * merges (w:gridSpan across columns, w:vMerge down rows), a few paragraphs and a landscape
 * section, which is far less than a document library brings, and hand-written XML keeps every
 * byte under our control (no field codes, no macros, escaped text only).
 */
import { strToU8, zipSync } from 'fflate';
import { type CellStyle, coverage, type FormLine, type FormTable, type TableCell } from './table.ts';

const W_NS = 'http://schemas.openxmlformats.org/wordprocessingml/2006/main';
const R_NS = 'http://schemas.openxmlformats.org/officeDocument/2006/relationships';
const XML_DECL = '<?xml version="1.0" encoding="UTF-8" standalone="yes"?>\n';

/** A4 landscape in twentieths of a point, with 2 cm margins. */
const PAGE = { width: 16838, height: 11906, margin: 1134 };
const USABLE = PAGE.width - 2 * PAGE.margin;
/** half-points */
const SIZE = { body: 21, title: 32, subtitle: 24 };

/** XML 1.0 forbids most control characters; a form's text never needs them. */
// biome-ignore lint/suspicious/noControlCharactersInRegex: these are exactly the characters XML cannot hold
const NOT_XML = /[\u0000-\u0008\u000b\u000c\u000e-\u001f\ufffe\uffff]/g;

function xmlText(s: string): string {
  return s
    .replace(NOT_XML, '')
    .replace(/&/g, '&amp;')
    .replace(/</g, '&lt;')
    .replace(/>/g, '&gt;')
    .replace(/"/g, '&quot;');
}

function runs(text: string, bold: boolean, size?: number): string {
  const rPr = `${bold ? '<w:b/>' : ''}${size ? `<w:sz w:val="${size}"/><w:szCs w:val="${size}"/>` : ''}`;
  const pr = rPr ? `<w:rPr>${rPr}</w:rPr>` : '';
  return text
    .replace(/\t/g, ' ')
    .split(/\r?\n|\r/)
    .map(
      (part, i) =>
        `<w:r>${pr}${i > 0 ? '<w:br/>' : ''}<w:t xml:space="preserve">${xmlText(part)}</w:t></w:r>`,
    )
    .join('');
}

const JC: Record<CellStyle, string> = {
  header: 'center',
  label: 'center',
  text: 'center',
  number: 'center',
  narrative: 'left',
};

function lineXml(line: FormLine): string {
  const size = line.style === 'title' ? SIZE.title : line.style === 'subtitle' ? SIZE.subtitle : undefined;
  const bold = line.style === 'title';
  if (line.right) {
    return (
      `<w:p><w:pPr><w:tabs><w:tab w:val="right" w:pos="${USABLE}"/></w:tabs><w:spacing w:after="60"/></w:pPr>` +
      `${runs(line.text, bold, size)}<w:r><w:tab/></w:r>${runs(line.right, bold, size)}</w:p>`
    );
  }
  const jc = line.align === 'center' ? 'center' : line.align === 'right' ? 'right' : 'left';
  return `<w:p><w:pPr><w:jc w:val="${jc}"/><w:spacing w:after="60"/></w:pPr>${runs(line.text, bold, size)}</w:p>`;
}

function tc(c: TableCell, widthTw: number, merge: 'restart' | 'continue' | null): string {
  const span = c.colSpan > 1 ? `<w:gridSpan w:val="${c.colSpan}"/>` : '';
  const vMerge =
    merge === 'restart' ? '<w:vMerge w:val="restart"/>' : merge === 'continue' ? '<w:vMerge/>' : '';
  const shade = c.style === 'header' ? '<w:shd w:val="clear" w:color="auto" w:fill="F2F2F2"/>' : '';
  const pr = `<w:tcPr><w:tcW w:w="${widthTw}" w:type="dxa"/>${span}${vMerge}${shade}<w:vAlign w:val="center"/></w:tcPr>`;
  if (merge === 'continue') return `<w:tc>${pr}<w:p/></w:tc>`;
  const para = `<w:p><w:pPr><w:jc w:val="${JC[c.style]}"/></w:pPr>${c.text === '' ? '' : runs(c.text, c.style === 'header')}</w:p>`;
  return `<w:tc>${pr}${para}</w:tc>`;
}

function tableXml(table: FormTable): string {
  const total = table.columns.reduce((s, w) => s + w, 0);
  const grid = table.columns.map((w) => Math.floor((w / total) * USABLE));
  const widthOf = (c: TableCell) => grid.slice(c.col, c.col + c.colSpan).reduce((s, w) => s + w, 0);
  const covered = coverage(table);
  const rows = table.rows.map((cells, r) => {
    const starts = new Map(cells.map((c) => [c.col, c]));
    const out: string[] = [];
    for (let col = 0; col < table.columns.length; ) {
      const own = starts.get(col);
      if (own) {
        out.push(tc(own, widthOf(own), own.rowSpan > 1 ? 'restart' : null));
        col += own.colSpan;
        continue;
      }
      const above = covered[r]?.[col];
      if (above) {
        // a position inside a cell merged down from a row above: Word wants a continuing cell
        out.push(tc(above, widthOf(above), 'continue'));
        col += above.colSpan;
        continue;
      }
      out.push(tc({ col, rowSpan: 1, colSpan: 1, text: '', style: 'text' }, grid[col]!, null));
      col++;
    }
    return `<w:tr><w:trPr><w:cantSplit/></w:trPr>${out.join('')}</w:tr>`;
  });
  const border = (side: string) => `<w:${side} w:val="single" w:sz="4" w:space="0" w:color="000000"/>`;
  return (
    '<w:tbl><w:tblPr><w:tblW w:w="5000" w:type="pct"/><w:jc w:val="center"/>' +
    `<w:tblBorders>${['top', 'left', 'bottom', 'right', 'insideH', 'insideV'].map(border).join('')}</w:tblBorders>` +
    '<w:tblLayout w:type="fixed"/>' +
    '<w:tblCellMar><w:left w:w="57" w:type="dxa"/><w:right w:w="57" w:type="dxa"/></w:tblCellMar></w:tblPr>' +
    `<w:tblGrid>${grid.map((w) => `<w:gridCol w:w="${w}"/>`).join('')}</w:tblGrid>` +
    rows.join('') +
    '</w:tbl>'
  );
}

const STYLES =
  XML_DECL +
  `<w:styles xmlns:w="${W_NS}"><w:docDefaults><w:rPrDefault><w:rPr>` +
  '<w:rFonts w:ascii="Times New Roman" w:eastAsia="宋体" w:hAnsi="Times New Roman" w:cs="Times New Roman"/>' +
  `<w:sz w:val="${SIZE.body}"/><w:szCs w:val="${SIZE.body}"/><w:lang w:val="en-US" w:eastAsia="zh-CN"/>` +
  '</w:rPr></w:rPrDefault><w:pPrDefault><w:pPr><w:spacing w:after="0" w:line="240" w:lineRule="auto"/></w:pPr></w:pPrDefault></w:docDefaults>' +
  '<w:style w:type="paragraph" w:default="1" w:styleId="Normal"><w:name w:val="Normal"/></w:style>' +
  '<w:style w:type="table" w:default="1" w:styleId="TableNormal"><w:name w:val="Normal Table"/><w:tblPr><w:tblInd w:w="0" w:type="dxa"/>' +
  '<w:tblCellMar><w:top w:w="0" w:type="dxa"/><w:left w:w="108" w:type="dxa"/><w:bottom w:w="0" w:type="dxa"/><w:right w:w="108" w:type="dxa"/></w:tblCellMar></w:tblPr></w:style>' +
  '</w:styles>';

function coreXml(title: string): string {
  return (
    XML_DECL +
    '<cp:coreProperties xmlns:cp="http://schemas.openxmlformats.org/package/2006/metadata/core-properties" ' +
    'xmlns:dc="http://purl.org/dc/elements/1.1/" xmlns:dcterms="http://purl.org/dc/terms/" ' +
    'xmlns:xsi="http://www.w3.org/2001/XMLSchema-instance">' +
    `<dc:title>${xmlText(title)}</dc:title><dc:creator>Jixiao（绩效）</dc:creator>` +
    '</cp:coreProperties>'
  );
}

export function writeDocx(table: FormTable): Uint8Array {
  const body =
    table.above.map(lineXml).join('') +
    tableXml(table) +
    (table.below.length > 0 ? `<w:p/>${table.below.map(lineXml).join('')}` : '<w:p/>') +
    `<w:sectPr><w:pgSz w:w="${PAGE.width}" w:h="${PAGE.height}" w:orient="landscape"/>` +
    `<w:pgMar w:top="${PAGE.margin}" w:right="${PAGE.margin}" w:bottom="${PAGE.margin}" w:left="${PAGE.margin}" w:header="567" w:footer="567" w:gutter="0"/></w:sectPr>`;
  const parts: Record<string, string> = {
    '[Content_Types].xml':
      XML_DECL +
      '<Types xmlns="http://schemas.openxmlformats.org/package/2006/content-types">' +
      '<Default Extension="rels" ContentType="application/vnd.openxmlformats-package.relationships+xml"/>' +
      '<Default Extension="xml" ContentType="application/xml"/>' +
      '<Override PartName="/word/document.xml" ContentType="application/vnd.openxmlformats-officedocument.wordprocessingml.document.main+xml"/>' +
      '<Override PartName="/word/styles.xml" ContentType="application/vnd.openxmlformats-officedocument.wordprocessingml.styles+xml"/>' +
      '<Override PartName="/docProps/core.xml" ContentType="application/vnd.openxmlformats-package.core-properties+xml"/>' +
      '</Types>',
    '_rels/.rels':
      XML_DECL +
      '<Relationships xmlns="http://schemas.openxmlformats.org/package/2006/relationships">' +
      '<Relationship Id="rId1" Type="http://schemas.openxmlformats.org/officeDocument/2006/relationships/officeDocument" Target="word/document.xml"/>' +
      '<Relationship Id="rId2" Type="http://schemas.openxmlformats.org/package/2006/relationships/metadata/core-properties" Target="docProps/core.xml"/>' +
      '</Relationships>',
    'word/_rels/document.xml.rels':
      XML_DECL +
      '<Relationships xmlns="http://schemas.openxmlformats.org/package/2006/relationships">' +
      '<Relationship Id="rId1" Type="http://schemas.openxmlformats.org/officeDocument/2006/relationships/styles" Target="styles.xml"/>' +
      '</Relationships>',
    'word/document.xml': `${XML_DECL}<w:document xmlns:w="${W_NS}" xmlns:r="${R_NS}"><w:body>${body}</w:body></w:document>`,
    'word/styles.xml': STYLES,
    'docProps/core.xml': coreXml(table.title),
  };
  const files: Record<string, Uint8Array> = {};
  for (const [name, content] of Object.entries(parts)) files[name] = strToU8(content);
  return zipSync(files, { level: 6 });
}
