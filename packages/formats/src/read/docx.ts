/**
 * DOCX documents, read from word/document.xml. Each w:tbl is a Grid: w:gridSpan (and the
 * legacy w:hMerge) are column spans, w:vMerge restart/continue are row spans, w:gridBefore
 * shifts a row right. A cell's paragraphs are joined with "\n"; paragraphs outside tables
 * become the preamble of the table that follows them (those after the last table are added to
 * its preamble). Nested tables follow the rule of the HTML reader: a table inside a cell is its
 * own Grid, listed after the table holding it, and its text is not repeated in the outer cell;
 * an outer table no bigger than the largest table inside it is only a frame, and its text is
 * read as paragraphs. Deleted revisions, field codes and the fallback copies of text boxes are
 * not text; headers and footers are not read.
 */
import type { Grid, ReadLimits, TextLine } from '../grid.ts';
import { readError } from './errors.ts';
import { type Clock, checkFileSize, resolveLimits, startClock } from './limits.ts';
import { contentError, sniffBytes } from './sniff.ts';
import { append, cleanText, makeGrid, type PlacedCell } from './table.ts';
import { officeDocumentPart } from './xlsx.ts';
import { parseXml } from './xml.ts';
import { openZip } from './zip.ts';

const WHAT = 'Word 文档（.docx）';
/** deepest table nesting read as tables; real forms nest one or two levels */
const MAX_TABLE_DEPTH = 16;

type Item = { kind: 'p'; text: string } | { kind: 'table'; grids: Grid[]; index: number };

interface Container {
  items: Item[];
}

interface TcBuilder extends Container {
  span: number;
  vMerge: 'restart' | 'continue' | null;
  hMerge: 'restart' | 'continue' | null;
}

interface TrBuilder {
  cells: TcBuilder[];
  gridBefore: number;
  hidden: boolean;
}

interface TblBuilder {
  index: number;
  rows: TrBuilder[];
}

/** Reads every table of a Word document. */
export function readDocx(bytes: Uint8Array, file: string, limits?: Partial<ReadLimits>): Grid[] {
  const lim = resolveLimits(limits);
  checkFileSize(bytes, file, lim);
  const sniffed = sniffBytes(bytes);
  if (sniffed.kind !== 'zip') throw contentError(file, WHAT, bytes, sniffed);
  const clock = startClock(file, lim);
  const zip = openZip(bytes, file, lim, clock, WHAT);
  const main = officeDocumentPart(zip, file, clock, WHAT) ?? 'word/document.xml';
  const part = zip.has(main) && /document[^/]*\.xml$/i.test(main) ? main : 'word/document.xml';
  const doc = zip.read(part);
  if (!doc) {
    if (zip.has('xl/workbook.xml')) {
      throw readError(
        'wrong-format',
        file,
        `不是 ${WHAT}，内容是 Excel 工作簿（.xlsx）。请把扩展名改为 .xlsx 后再导入。`,
      );
    }
    throw readError(
      'wrong-format',
      file,
      `不是 ${WHAT}：这是一个 ZIP 压缩包，里面没有 Word 正文。如是压缩包，请解压后导入其中的自评表。`,
    );
  }
  const grids = readDocument(doc, part, file, clock, zip.notes);
  return grids;
}

function readDocument(
  bytes: Uint8Array,
  part: string,
  file: string,
  clock: Clock,
  zipNotes: string[],
): Grid[] {
  const body: Container = { items: [] };
  const containers: Container[] = [body];
  const tables: TblBuilder[] = [];
  const cellStack: TcBuilder[] = [];
  const paragraphs: string[] = [];
  const notes: string[] = [...zipNotes];
  let tableCount = 0;
  let runDepth = 0;
  let capture = false;
  let fallback = 0;
  let hidden = 0;
  /** depth inside tables nested past MAX_TABLE_DEPTH */
  let tooDeep = 0;
  let deepNoted = false;

  const container = () => containers[containers.length - 1]!;
  const addText = (t: string) => {
    if (paragraphs.length > 0) paragraphs[paragraphs.length - 1] += t;
  };

  parseXml(
    bytes,
    file,
    part,
    WHAT,
    {
      open(name, attrs) {
        if (fallback > 0) {
          if (name === 'Fallback') fallback++;
          return;
        }
        if (tooDeep > 0 || (name === 'tbl' && tables.length >= MAX_TABLE_DEPTH)) {
          // tables nested this deep are read as paragraphs of the cell holding them
          if (name === 'tbl') tooDeep++;
          if (name === 'tbl' || name === 'tr' || name === 'tc' || name === 'tcPr' || name === 'trPr') return;
        }
        switch (name) {
          case 'Fallback':
            // mc:AlternateContent repeats text boxes in a fallback copy for old readers
            fallback++;
            return;
          case 'tbl':
            tables.push({ index: ++tableCount, rows: [] });
            return;
          case 'tr':
            tables[tables.length - 1]?.rows.push({ cells: [], gridBefore: 0, hidden: false });
            return;
          case 'gridBefore': {
            const row = currentRow();
            if (row) row.gridBefore = Math.max(0, Math.min(Number(attrs.val ?? 0) || 0, 1000));
            return;
          }
          case 'tc': {
            const cell: TcBuilder = { items: [], span: 1, vMerge: null, hMerge: null };
            currentRow()?.cells.push(cell);
            cellStack.push(cell);
            containers.push(cell);
            clock.countCells(1);
            return;
          }
          case 'gridSpan': {
            const cell = cellStack[cellStack.length - 1];
            if (cell) cell.span = Math.max(1, Math.min(Number(attrs.val ?? 1) || 1, 1000));
            return;
          }
          case 'vMerge':
          case 'hMerge': {
            const cell = cellStack[cellStack.length - 1];
            if (cell) cell[name] = attrs.val === 'restart' ? 'restart' : 'continue';
            return;
          }
          case 'trPr':
            return;
          case 'p':
            paragraphs.push('');
            return;
          case 'r':
            runDepth++;
            return;
          case 'vanish':
          case 'webHidden':
            // hidden text in a run's properties; the run ends at </w:r>
            if (runDepth > 0 && attrs.val !== '0' && attrs.val !== 'false') hidden = runDepth;
            return;
          case 't':
            capture = runDepth > 0 || paragraphs.length > 0;
            return;
          case 'tab':
            if (runDepth > 0 && !hidden) addText('\t');
            return;
          case 'br':
          case 'cr':
            if (runDepth > 0 && !hidden) addText('\n');
            return;
          case 'noBreakHyphen':
            if (runDepth > 0 && !hidden) addText('-');
            return;
        }
      },
      close(name) {
        if (fallback > 0) {
          if (name === 'Fallback') fallback--;
          return;
        }
        if (tooDeep > 0) {
          if (name === 'tbl') {
            tooDeep--;
            deepNoted = true;
          }
          if (name === 'tbl' || name === 'tr' || name === 'tc') return;
        }
        switch (name) {
          case 't':
            capture = false;
            return;
          case 'r':
            runDepth--;
            if (hidden > runDepth) hidden = 0;
            return;
          case 'p': {
            const text = paragraphs.pop() ?? '';
            container().items.push({ kind: 'p', text });
            return;
          }
          case 'tc':
            cellStack.pop();
            containers.pop();
            return;
          case 'tbl': {
            const tbl = tables.pop();
            if (tbl) finishTable(tbl);
            return;
          }
        }
      },
      text(t) {
        if (capture && fallback === 0 && !hidden) addText(t);
      },
    },
    clock,
  );

  function currentRow(): TrBuilder | undefined {
    const t = tables[tables.length - 1];
    return t?.rows[t.rows.length - 1];
  }

  function finishTable(tbl: TblBuilder): void {
    const cellCount = tbl.rows.reduce((n, r) => n + r.cells.length, 0);
    const nested = tbl.rows.flatMap((r) => r.cells.flatMap((c) => c.items.filter((i) => i.kind === 'table')));
    const largest = nested.reduce((m, t) => Math.max(m, t.kind === 'table' ? countCells(t.grids[0]) : 0), 0);
    const parent = container();
    if (nested.length > 0 && cellCount <= largest) {
      // a frame around a bigger table: its content is document flow
      for (const row of tbl.rows) for (const cell of row.cells) append(parent.items, cell.items);
      return;
    }
    const { grids, index } = buildGrid(tbl);
    parent.items.push({ kind: 'table', grids, index });
  }

  function buildGrid(tbl: TblBuilder): { grids: Grid[]; index: number } {
    const cells: PlacedCell[] = [];
    const gridNotes: string[] = [];
    const nestedGrids: Grid[] = [];
    /** the cell a vertical merge started in, by grid column */
    const open = new Map<number, PlacedCell>();
    tbl.rows.forEach((row, r) => {
      let col = row.gridBefore;
      let prev: PlacedCell | null = null;
      for (const tc of row.cells) {
        const text = cleanText(
          tc.items
            .filter((i): i is Extract<Item, { kind: 'p' }> => i.kind === 'p')
            .map((i) => i.text)
            .join('\n'),
        );
        for (const item of tc.items) {
          if (item.kind !== 'table') continue;
          gridNotes.push(
            `第 ${r + 1} 行第 ${col + 1} 列的单元格里嵌有表格，已单独读作第 ${item.index} 个表格，其文字不计入该单元格`,
          );
          item.grids[0]?.notes.push(
            `此表格嵌在第 ${tbl.index} 个表格第 ${r + 1} 行第 ${col + 1} 列的单元格里`,
          );
          append(nestedGrids, item.grids);
        }
        if (tc.hMerge === 'continue' && prev) {
          prev.colSpan += tc.span;
          if (text) prev.text = prev.text ? `${prev.text}\n${text}` : text;
          col += tc.span;
          continue;
        }
        const above = tc.vMerge === 'continue' ? open.get(col) : undefined;
        if (above) {
          above.rowSpan = r - above.row + 1;
          if (text) above.text = above.text ? `${above.text}\n${text}` : text;
          prev = above;
          col += tc.span;
          continue;
        }
        const cell: PlacedCell = {
          row: r,
          col,
          rowSpan: 1,
          colSpan: tc.span,
          text,
          source: { table: tbl.index },
        };
        cells.push(cell);
        for (let c = col; c < col + tc.span; c++) open.delete(c);
        if (tc.vMerge) open.set(col, cell);
        prev = cell;
        col += tc.span;
      }
    });
    const grid = makeGrid({
      source: file,
      format: 'docx',
      preamble: [],
      cells,
      rowCount: tbl.rows.length,
      notes: [...notes, ...gridNotes],
    });
    return { grids: [grid, ...nestedGrids], index: tbl.index };
  }

  // the flow of the body: paragraphs before a table are its preamble
  const grids: Grid[] = [];
  let pending: TextLine[] = [];
  let lastMain: Grid | null = null;
  for (const item of body.items) {
    if (item.kind === 'p') {
      for (const line of cleanText(item.text).split('\n')) if (line) pending.push({ text: line, source: {} });
      continue;
    }
    const [main, ...rest] = item.grids;
    if (!main) continue;
    main.preamble = [...pending, ...main.preamble];
    pending = [];
    lastMain = main;
    grids.push(main);
    append(grids, rest);
  }
  if (lastMain) {
    append(lastMain.preamble, pending);
    if (deepNoted) {
      for (const g of grids)
        g.notes.push(`有表格嵌套超过 ${MAX_TABLE_DEPTH} 层，更深的表格按段落读入所在单元格`);
    }
    return grids;
  }
  if (pending.length === 0) {
    throw readError(
      'no-content',
      file,
      '中没有任何文字。请确认文件是否选错，或自评表是否以图片形式插入（图片需先做文字识别）。',
    );
  }
  return [
    {
      source: file,
      format: 'docx',
      preamble: pending,
      rows: [],
      notes: [...notes, '文档中没有表格，只有正文段落'],
    },
  ];
}

function countCells(grid: Grid | undefined): number {
  return grid ? grid.rows.reduce((n, r) => n + r.length, 0) : 0;
}
