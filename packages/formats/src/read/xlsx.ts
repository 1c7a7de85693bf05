/**
 * XLSX workbooks, read straight from their OOXML parts (fflate + saxes, no spreadsheet
 * library: a form must take a few milliseconds). Every visible, non-empty worksheet is a Grid.
 * Cells show what Excel shows: shared, inline and rich-text strings; cached formula results;
 * percent formats as displayed ("83.50%"); dates as YYYY-MM-DD; other numbers as their
 * shortest decimal text; booleans as TRUE/FALSE. Merged ranges become spans on their top-left
 * cell. Each cell carries its sheet name and A1 address.
 */
import type { Grid, ReadLimits } from '../grid.ts';
import { readError } from './errors.ts';
import { type Clock, checkFileSize, resolveLimits, startClock } from './limits.ts';
import { contentError, sniffBytes } from './sniff.ts';
import { cleanText, makeGrid, type PlacedCell } from './table.ts';
import { classifyFormat, formatNumber, type NumFmt } from './xlsx-numfmt.ts';
import { parseXml } from './xml.ts';
import { openZip, type ZipArchive } from './zip.ts';

const WHAT = 'Excel 工作簿（.xlsx）';

/** The sheet Jixiao's own xlsx export puts beside the form (write/xlsx.ts): its computed scores and review. */
export const COMPUTED_SHEET = '计分与复核';
/** how that sheet's title cell, A1, starts */
export const COMPUTED_SHEET_TITLE = 'Jixiao 计分与复核：';
/** starts the note on a workbook's grids that Jixiao's computed sheet was left out; the title follows */
export const NOTE_COMPUTED_SHEET_SKIPPED = '[Jixiao 计分与复核]';

const MAX_ROW = 1_048_576;
const MAX_COL = 16_384;

/** "B3" → { row: 2, col: 1 } (0-based); null when it is not an A1 reference. */
export function parseA1(ref: string): { row: number; col: number } | null {
  const m = /^\$?([A-Za-z]{1,3})\$?(\d{1,7})$/.exec(ref.trim());
  if (!m) return null;
  let col = 0;
  for (const ch of m[1]!.toUpperCase()) col = col * 26 + (ch.charCodeAt(0) - 64);
  const row = Number(m[2]);
  if (row < 1 || row > MAX_ROW || col > MAX_COL) return null;
  return { row: row - 1, col: col - 1 };
}

/** 0-based column → "A", "Z", "AA" … */
export function columnName(col: number): string {
  let s = '';
  let n = col + 1;
  while (n > 0) {
    const r = (n - 1) % 26;
    s = String.fromCharCode(65 + r) + s;
    n = Math.floor((n - 1) / 26);
  }
  return s;
}

export function a1(row: number, col: number): string {
  return `${columnName(col)}${row + 1}`;
}

/** OOXML escapes control characters in strings as _xHHHH_ (and a literal "_x" as _x005F_x). */
function unescapeOoxml(s: string): string {
  if (!s.includes('_x')) return s;
  return s.replace(/_x([0-9A-Fa-f]{4})_/g, (_, hex: string) => String.fromCharCode(Number.parseInt(hex, 16)));
}

/** Resolves a relationship target against the folder of the part that names it. */
function resolveTarget(base: string, target: string): string {
  if (target.startsWith('/')) return target.slice(1);
  const parts = base.split('/').slice(0, -1);
  for (const seg of target.split('/')) {
    if (seg === '..') parts.pop();
    else if (seg !== '.' && seg !== '') parts.push(seg);
  }
  return parts.join('/');
}

interface Rel {
  type: string;
  target: string;
}

function readRels(zip: ZipArchive, part: string, file: string, clock: Clock): Map<string, Rel> {
  const slash = part.lastIndexOf('/');
  const relsPath = `${part.slice(0, slash + 1)}_rels/${part.slice(slash + 1)}.rels`;
  const rels = new Map<string, Rel>();
  const bytes = zip.read(relsPath);
  if (!bytes) return rels;
  parseXml(
    bytes,
    file,
    relsPath,
    WHAT,
    {
      open(name, attrs) {
        if (name !== 'Relationship' || !attrs.Id || !attrs.Target || attrs.TargetMode === 'External') return;
        rels.set(attrs.Id, { type: attrs.Type ?? '', target: resolveTarget(part, attrs.Target) });
      },
    },
    clock,
  );
  return rels;
}

/** The main part a package's root relationships point to (xl/workbook.xml, word/document.xml). */
export function officeDocumentPart(zip: ZipArchive, file: string, clock: Clock, what: string): string | null {
  const bytes = zip.read('_rels/.rels');
  let found: string | null = null;
  if (bytes) {
    parseXml(
      bytes,
      file,
      '_rels/.rels',
      what,
      {
        open(name, attrs) {
          if (
            name === 'Relationship' &&
            !found &&
            (attrs.Type ?? '').endsWith('/officeDocument') &&
            attrs.Target
          ) {
            found = resolveTarget('', attrs.Target);
          }
        },
      },
      clock,
    );
  }
  return found;
}

interface SheetRef {
  name: string;
  hidden: boolean;
  part: string | null;
  type: string;
}

interface Workbook {
  sheets: SheetRef[];
  date1904: boolean;
  rels: Map<string, Rel>;
}

function readWorkbook(zip: ZipArchive, part: string, file: string, clock: Clock): Workbook {
  const bytes = zip.read(part);
  if (!bytes)
    throw readError(
      'zip-corrupt',
      file,
      `缺少工作簿目录（${part}），可能已损坏。请用 Excel/WPS 打开后重新保存再导入。`,
    );
  const rels = readRels(zip, part, file, clock);
  const wb: Workbook = { sheets: [], date1904: false, rels };
  parseXml(
    bytes,
    file,
    part,
    WHAT,
    {
      open(name, attrs) {
        if (name === 'workbookPr') wb.date1904 = attrs.date1904 === '1' || attrs.date1904 === 'true';
        else if (name === 'sheet') {
          const rel = attrs.id ? rels.get(attrs.id) : undefined;
          wb.sheets.push({
            name: attrs.name ?? `Sheet${wb.sheets.length + 1}`,
            hidden: attrs.state === 'hidden' || attrs.state === 'veryHidden',
            part: rel?.target ?? null,
            type: rel?.type ?? '',
          });
        }
      },
    },
    clock,
  );
  return wb;
}

function readSharedStrings(zip: ZipArchive, part: string | null, file: string, clock: Clock): string[] {
  const bytes = part ? zip.read(part) : null;
  const out: string[] = [];
  if (!bytes) return out;
  let cur = '';
  let inT = false;
  let phonetic = 0;
  parseXml(
    bytes,
    file,
    part!,
    WHAT,
    {
      // saxes reports a closetag for self-closing elements too, so open and close always pair
      open(name) {
        if (name === 'si') cur = '';
        else if (name === 't') inT = true;
        else if (name === 'rPh') phonetic++;
      },
      close(name) {
        if (name === 'si') {
          out.push(unescapeOoxml(cur));
          if (out.length % 1024 === 0) clock.check();
        } else if (name === 't') inT = false;
        else if (name === 'rPh') phonetic--;
      },
      text(t) {
        // phonetic runs (rPh) hold furigana-style readings, not the cell's text
        if (inT && phonetic === 0) cur += t;
      },
    },
    clock,
  );
  return out;
}

function readStyles(zip: ZipArchive, part: string | null, file: string, clock: Clock): NumFmt[] {
  const bytes = part ? zip.read(part) : null;
  if (!bytes) return [];
  const custom = new Map<number, string>();
  const xfIds: number[] = [];
  let inCellXfs = false;
  parseXml(
    bytes,
    file,
    part!,
    WHAT,
    {
      open(name, attrs) {
        if (name === 'numFmt' && attrs.numFmtId !== undefined)
          custom.set(Number(attrs.numFmtId), attrs.formatCode ?? '');
        else if (name === 'cellXfs') inCellXfs = true;
        else if (name === 'xf' && inCellXfs) xfIds.push(Number(attrs.numFmtId ?? 0));
      },
      close(name) {
        if (name === 'cellXfs') inCellXfs = false;
      },
    },
    clock,
  );
  return xfIds.map((id) => classifyFormat(id, custom.get(id)));
}

/** a <c> element; styled empty cells count too, since they draw the form's borders */
interface RawCell {
  row: number;
  col: number;
  text: string;
}

interface Merge {
  r0: number;
  c0: number;
  r1: number;
  c1: number;
}

interface SheetData {
  /** cells with text */
  cells: RawCell[];
  /**
   * row, col pairs of empty cells. Templates often format far more cells than the form uses;
   * they are kept compactly and only those inside the table become Grid cells.
   */
  empty: number[];
  merges: Merge[];
  hiddenRows: number;
  hiddenCols: number;
  formulasWithoutValue: number;
}

function readSheet(
  bytes: Uint8Array,
  part: string,
  file: string,
  clock: Clock,
  strings: string[],
  styles: NumFmt[],
  date1904: boolean,
): SheetData {
  const data: SheetData = {
    cells: [],
    empty: [],
    merges: [],
    hiddenRows: 0,
    hiddenCols: 0,
    formulasWithoutValue: 0,
  };
  let row = -1;
  let col = -1;
  let type = 'n';
  let style = 0;
  let value = '';
  let hasValue = false;
  let hasFormula = false;
  let inline = '';
  let capture: 'v' | 't' | null = null;
  let inInline = false;
  let phonetic = 0;
  parseXml(
    bytes,
    file,
    part,
    WHAT,
    {
      open(name, attrs, selfClosing) {
        switch (name) {
          case 'row': {
            const r = attrs.r ? Number(attrs.r) - 1 : row + 1;
            row = Number.isInteger(r) && r >= 0 && r < MAX_ROW ? r : row + 1;
            col = -1;
            if (attrs.hidden === '1' || attrs.hidden === 'true') data.hiddenRows++;
            return;
          }
          case 'c': {
            const pos = attrs.r ? parseA1(attrs.r) : null;
            if (pos) {
              row = pos.row;
              col = pos.col;
            } else col++;
            type = attrs.t ?? 'n';
            style = attrs.s ? Number(attrs.s) : 0;
            value = '';
            inline = '';
            hasValue = false;
            hasFormula = false;
            return;
          }
          case 'v':
            capture = 'v';
            hasValue = !selfClosing;
            return;
          case 'f':
            hasFormula = true;
            return;
          case 'is':
            inInline = true;
            return;
          case 'rPh':
            phonetic++;
            return;
          case 't':
            if (inInline) capture = 't';
            return;
          case 'mergeCell': {
            const m = parseRange(attrs.ref ?? '');
            if (m) data.merges.push(m);
            return;
          }
          case 'col':
            if (attrs.hidden === '1' || attrs.hidden === 'true') {
              data.hiddenCols += Math.max(1, Number(attrs.max ?? 0) - Number(attrs.min ?? 0) + 1);
            }
            return;
        }
      },
      close(name) {
        if (name === 'c') finishCell();
        else if (name === 'v' || name === 't') capture = null;
        else if (name === 'is') inInline = false;
        else if (name === 'rPh') phonetic--;
      },
      text(t) {
        if (capture === 'v') value += t;
        else if (capture === 't' && phonetic === 0) inline += t;
      },
    },
    clock,
  );
  return data;

  function finishCell(): void {
    if (row < 0 || col < 0 || col >= MAX_COL) return;
    let text: string;
    switch (type) {
      case 's': {
        const s = strings[Number(value)];
        text = s ?? '';
        break;
      }
      case 'inlineStr':
        text = unescapeOoxml(inline);
        break;
      case 'str':
        text = unescapeOoxml(value);
        break;
      case 'b':
        text = value === '' ? '' : value === '1' || value === 'true' ? 'TRUE' : 'FALSE';
        break;
      case 'e':
        text = value;
        break;
      case 'd':
        text = /^\d{4}-\d{2}-\d{2}/.test(value) ? value.slice(0, 10) : value;
        break;
      default:
        text = hasValue ? formatNumber(value, styles[style] ?? GENERAL_FMT, date1904) : '';
    }
    if (hasFormula && !hasValue) data.formulasWithoutValue++;
    const clean = cleanText(text);
    if (clean) {
      clock.countCells(1);
      data.cells.push({ row, col, text: clean });
    } else {
      data.empty.push(row, col);
      if (data.empty.length % 8192 === 0) clock.check();
    }
  }
}

const GENERAL_FMT: NumFmt = { kind: 'general', decimals: 0, seconds: false };

function parseRange(ref: string): Merge | null {
  const [a, b] = ref.split(':');
  const p = a ? parseA1(a) : null;
  const q = b ? parseA1(b) : p;
  if (!p || !q) return null;
  return {
    r0: Math.min(p.row, q.row),
    c0: Math.min(p.col, q.col),
    r1: Math.max(p.row, q.row),
    c1: Math.max(p.col, q.col),
  };
}

/** Turns one sheet's cells and merges into a Grid, or null when the sheet has no text. */
function sheetGrid(data: SheetData, sheet: string, file: string, notes: string[]): Grid | null {
  const filled = data.cells;
  if (filled.length === 0) return null;
  let minR = Infinity;
  let minC = Infinity;
  let maxR = -1;
  let maxC = -1;
  for (const c of filled) {
    minR = Math.min(minR, c.row);
    minC = Math.min(minC, c.col);
    maxR = Math.max(maxR, c.row);
    maxC = Math.max(maxC, c.col);
  }
  const sheetNotes = [`工作表“${sheet}”`, ...notes];

  // merges that touch the used range, without overlaps (a damaged file may have them)
  const merges: Merge[] = [];
  const owner = new Map<number, Merge>();
  const key = (r: number, c: number) => r * MAX_COL + c;
  for (const m of data.merges) {
    if (m.r1 < minR || m.r0 > maxR || m.c1 < minC || m.c0 > maxC) continue;
    if ((m.r1 - m.r0 + 1) * (m.c1 - m.c0 + 1) > 1_000_000) continue;
    let clash = false;
    for (let r = m.r0; r <= m.r1 && !clash; r++)
      for (let c = m.c0; c <= m.c1; c++) if (owner.has(key(r, c))) clash = true;
    if (clash) {
      sheetNotes.push(`合并区域 ${a1(m.r0, m.c0)}:${a1(m.r1, m.c1)} 与其他合并区域重叠，已按未合并处理`);
      continue;
    }
    if (m.r0 === m.r1 && m.c0 === m.c1) continue;
    for (let r = m.r0; r <= m.r1; r++) for (let c = m.c0; c <= m.c1; c++) owner.set(key(r, c), m);
    merges.push(m);
    minR = Math.min(minR, m.r0);
    minC = Math.min(minC, m.c0);
    maxR = Math.max(maxR, m.r1);
    maxC = Math.max(maxC, m.c1);
  }

  const byPos = new Map<number, RawCell>();
  for (let i = 0; i < data.empty.length; i += 2) {
    const r = data.empty[i]!;
    const c = data.empty[i + 1]!;
    if (r < minR || r > maxR || c < minC || c > maxC) continue;
    byPos.set(key(r, c), { row: r, col: c, text: '' });
  }
  for (const c of data.cells) {
    if (c.row < minR || c.row > maxR || c.col < minC || c.col > maxC) continue;
    byPos.set(key(c.row, c.col), c);
  }
  // a merged range shows its top-left cell; text typed under the merge is kept if that cell is empty
  for (const m of merges) {
    const tl = byPos.get(key(m.r0, m.c0)) ?? { row: m.r0, col: m.c0, text: '' };
    byPos.set(key(m.r0, m.c0), tl);
    for (let r = m.r0; r <= m.r1; r++) {
      for (let c = m.c0; c <= m.c1; c++) {
        if (r === m.r0 && c === m.c0) continue;
        const hidden = byPos.get(key(r, c));
        if (!hidden) continue;
        byPos.delete(key(r, c));
        if (!hidden.text) continue;
        if (!tl.text) {
          tl.text = hidden.text;
          sheetNotes.push(
            `合并区域 ${a1(m.r0, m.c0)}:${a1(m.r1, m.c1)} 的文字在 ${a1(r, c)}，已移到左上角单元格`,
          );
        } else {
          sheetNotes.push(
            `合并区域 ${a1(m.r0, m.c0)}:${a1(m.r1, m.c1)} 中被遮住的 ${a1(r, c)}（“${hidden.text}”）在 Excel 中不显示，已忽略`,
          );
        }
      }
    }
  }

  const cells: PlacedCell[] = [];
  for (const c of byPos.values()) {
    const m = owner.get(key(c.row, c.col));
    cells.push({
      row: c.row - minR,
      col: c.col - minC,
      rowSpan: m ? m.r1 - m.r0 + 1 : 1,
      colSpan: m ? m.c1 - m.c0 + 1 : 1,
      text: c.text,
      source: { sheet, address: a1(c.row, c.col) },
    });
  }
  if (data.hiddenRows > 0) sheetNotes.push(`工作表“${sheet}”有 ${data.hiddenRows} 个隐藏行，已照常读取`);
  if (data.hiddenCols > 0) sheetNotes.push(`工作表“${sheet}”有 ${data.hiddenCols} 个隐藏列，已照常读取`);
  if (data.formulasWithoutValue > 0) {
    sheetNotes.push(
      `工作表“${sheet}”有 ${data.formulasWithoutValue} 个公式没有保存计算结果，读作空白；请在 Excel 中打开并保存后再导入`,
    );
  }
  return makeGrid({
    source: file,
    format: 'xlsx',
    preamble: [],
    cells,
    rowCount: maxR - minR + 1,
    notes: sheetNotes,
  });
}

/**
 * The title of Jixiao's own computed sheet, or null for any other sheet. Only a sheet named
 * 计分与复核 whose A1 holds Jixiao's title counts: a sheet of a unit's own that merely looks
 * alike is read as always.
 */
function computedSheetTitle(name: string, data: SheetData): string | null {
  if (name !== COMPUTED_SHEET) return null;
  const corner = data.cells.find((c) => c.row === 0 && c.col === 0);
  const title = corner?.text.trim() ?? '';
  return title.startsWith(COMPUTED_SHEET_TITLE) ? title : null;
}

/** Reads every visible, non-empty worksheet of a workbook. */
export function readXlsx(bytes: Uint8Array, file: string, limits?: Partial<ReadLimits>): Grid[] {
  const lim = resolveLimits(limits);
  checkFileSize(bytes, file, lim);
  const sniffed = sniffBytes(bytes);
  if (sniffed.kind !== 'zip') throw contentError(file, WHAT, bytes, sniffed);
  const clock = startClock(file, lim);
  const zip = openZip(bytes, file, lim, clock, WHAT);
  const main = officeDocumentPart(zip, file, clock, WHAT) ?? 'xl/workbook.xml';
  if (!zip.has(main) || !/workbook\.xml$/i.test(main)) {
    if (zip.has('word/document.xml')) {
      throw readError(
        'wrong-format',
        file,
        `不是 ${WHAT}，内容是 Word 文档（.docx）。请把扩展名改为 .docx 后再导入。`,
      );
    }
    if (!zip.has('xl/workbook.xml')) {
      throw readError(
        'wrong-format',
        file,
        `不是 ${WHAT}：这是一个 ZIP 压缩包，里面没有 Excel 工作表。如是压缩包，请解压后导入其中的自评表。`,
      );
    }
  }
  const wbPart = zip.has(main) ? main : 'xl/workbook.xml';
  const wb = readWorkbook(zip, wbPart, file, clock);
  const rels = wb.rels;
  let sstPart: string | null = null;
  let stylesPart: string | null = null;
  for (const rel of rels.values()) {
    if (rel.type.endsWith('/sharedStrings')) sstPart = rel.target;
    else if (rel.type.endsWith('/styles')) stylesPart = rel.target;
  }
  sstPart ??= zip.has('xl/sharedStrings.xml') ? 'xl/sharedStrings.xml' : null;
  stylesPart ??= zip.has('xl/styles.xml') ? 'xl/styles.xml' : null;
  const strings = readSharedStrings(zip, sstPart, file, clock);
  const styles = readStyles(zip, stylesPart, file, clock);

  const bookNotes = [...zip.notes];
  const grids: Grid[] = [];
  let skippedComputed = false;
  for (const sheet of wb.sheets) {
    if (sheet.type && !sheet.type.endsWith('/worksheet')) {
      bookNotes.push(`工作表“${sheet.name}”是图表或宏表，已跳过`);
      continue;
    }
    if (sheet.hidden) {
      bookNotes.push(`工作表“${sheet.name}”是隐藏的，已跳过`);
      continue;
    }
    const sheetBytes = sheet.part ? zip.read(sheet.part) : null;
    if (!sheetBytes) {
      bookNotes.push(`工作表“${sheet.name}”的内容缺失，已跳过`);
      continue;
    }
    const data = readSheet(sheetBytes, sheet.part!, file, clock, strings, styles, wb.date1904);
    // Jixiao's computed scores are recomputed from the form on import; read as a form, each of
    // their rows would be a doubt
    const computed = computedSheetTitle(sheet.name, data);
    if (computed !== null) {
      skippedComputed = true;
      bookNotes.push(
        `${NOTE_COMPUTED_SHEET_SKIPPED} 工作表“${sheet.name}”（${computed}）是 Jixiao 导出时附上的计分与复核结果，不是填报内容，未读取；导入后按评分规则重新计算`,
      );
      continue;
    }
    const grid = sheetGrid(data, sheet.name, file, []);
    if (grid) grids.push(grid);
    else bookNotes.push(`工作表“${sheet.name}”是空的，已跳过`);
  }
  if (grids.length === 0 && skippedComputed) {
    throw readError(
      'no-content',
      file,
      `中只有 Jixiao 导出的“${COMPUTED_SHEET}”表，没有自评表。请导入含“自评表”工作表的完整文件。`,
    );
  }
  if (grids.length === 0) {
    throw readError(
      'no-content',
      file,
      `中没有可读取的内容（${wb.sheets.length === 0 ? '没有工作表' : '工作表都是空的或隐藏的'}）。请确认自评表所在的工作表没有被隐藏，并已保存内容。`,
    );
  }
  for (const g of grids) g.notes.push(...bookNotes);
  return grids;
}
