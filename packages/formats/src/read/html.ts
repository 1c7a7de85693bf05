/**
 * HTML tables as government sites publish them, and as systems export them under ".xls" or
 * ".doc" names. Every data <table> becomes a Grid; text outside tables becomes the preamble of
 * the table that follows it (text after the last table is added to that table's preamble).
 *
 * Nested tables. A table inside a cell is read as its own Grid, listed right after the table
 * that holds it, and its text is not repeated in the outer cell (the outer grid gets a note). An
 * outer table that only frames a bigger table (it has no more cells than the largest table
 * inside it: the page-layout tables of older sites) yields no Grid: its text flows into the
 * document as preamble lines, around the tables inside it.
 *
 * Cells: rowspan/colspan laid out by the HTML table algorithm; `<br>` and block elements are
 * line breaks ("\n"); `&nbsp;` and other entities are decoded; the value of a text `<input>`
 * and the selected `<option>` count as text; hidden elements (display:none) are skipped.
 */
import { Parser } from 'htmlparser2';
import type { Grid, ReadLimits, TextLine } from '../grid.ts';
import { decodeText } from './encoding.ts';
import { type Clock, checkFileSize, resolveLimits, startClock } from './limits.ts';
import { asciiHead, contentError, sniffBytes } from './sniff.ts';
import { append, cleanText, makeGrid, type PlacedCell } from './table.ts';

interface HtmlEl {
  tag: string;
  attrs: Record<string, string>;
  children: HtmlNode[];
  line: number;
}
interface HtmlText {
  text: string;
  line: number;
}
type HtmlNode = HtmlEl | HtmlText;

function isEl(n: HtmlNode): n is HtmlEl {
  return 'tag' in n;
}

const VOID = new Set([
  'area',
  'base',
  'basefont',
  'br',
  'col',
  'command',
  'embed',
  'frame',
  'hr',
  'img',
  'input',
  'isindex',
  'keygen',
  'link',
  'meta',
  'param',
  'source',
  'track',
  'wbr',
]);
const SKIP = new Set([
  'script',
  'style',
  'template',
  'noscript',
  'iframe',
  'object',
  'svg',
  'math',
  'head',
  'button',
]);
const BLOCK = new Set([
  'address',
  'article',
  'aside',
  'blockquote',
  'body',
  'caption',
  'center',
  'dd',
  'details',
  'dialog',
  'dir',
  'div',
  'dl',
  'dt',
  'fieldset',
  'figcaption',
  'figure',
  'footer',
  'form',
  'h1',
  'h2',
  'h3',
  'h4',
  'h5',
  'h6',
  'header',
  'hgroup',
  'hr',
  'html',
  'li',
  'main',
  'menu',
  'nav',
  'ol',
  'p',
  'pre',
  'section',
  'summary',
  'table',
  'tbody',
  'td',
  'tfoot',
  'th',
  'thead',
  'tr',
  'ul',
]);
const CELL = new Set(['td', 'th']);
const SECTION = new Set(['thead', 'tbody', 'tfoot']);
/** deepest element nesting kept; browsers stop around 512 */
const MAX_DEPTH = 256;
/** largest colspan browsers honour */
const MAX_COLSPAN = 1000;

/** The charset an HTML or XML file declares in its first bytes, if any. */
export function declaredCharset(bytes: Uint8Array): string | null {
  const head = asciiHead(bytes, 4096);
  const meta = /<meta[^>]*?charset\s*=\s*["']?\s*([a-z0-9_:.-]+)/i.exec(head);
  if (meta) return meta[1]!;
  const xml = /<\?xml[^>]*encoding\s*=\s*["']([a-z0-9_.-]+)/i.exec(head);
  return xml ? xml[1]! : null;
}

/** Reads every table of an HTML page. Throws ReadError on files that are not HTML or text. */
export function readHtml(input: Uint8Array | string, file: string, limits?: Partial<ReadLimits>): Grid[] {
  const lim = resolveLimits(limits);
  checkFileSize(input, file, lim);
  const clock = startClock(file, lim);
  let html: string;
  const notes: string[] = [];
  if (typeof input === 'string') {
    html = input;
  } else {
    const sniffed = sniffBytes(input);
    if (sniffed.kind !== 'html' && sniffed.kind !== 'text')
      throw contentError(file, '网页（HTML）文件', input, sniffed);
    const decoded = decodeText(input, file, declaredCharset(input));
    html = decoded.text;
    notes.push(...decoded.notes);
  }
  const root = parseTree(html, clock);
  return collectGrids(root, file, notes, clock);
}

/** Builds an element tree, repairing the table structure the way browsers do. */
function parseTree(html: string, clock: Clock): HtmlEl {
  const lineStarts = [0];
  for (let i = html.indexOf('\n'); i >= 0; i = html.indexOf('\n', i + 1)) lineStarts.push(i + 1);
  const lineAt = (offset: number): number => {
    let lo = 0;
    let hi = lineStarts.length - 1;
    while (lo < hi) {
      const mid = (lo + hi + 1) >> 1;
      if (lineStarts[mid]! <= offset) lo = mid;
      else hi = mid - 1;
    }
    return lo + 1;
  };

  const root: HtmlEl = { tag: '#root', attrs: {}, children: [], line: 1 };
  const stack: HtmlEl[] = [root];
  const top = () => stack[stack.length - 1]!;
  /** pops back to the nearest open `targets` element, unless a `boundary` element comes first */
  const closeTo = (targets: Set<string>, boundary: Set<string>): boolean => {
    for (let i = stack.length - 1; i > 0; i--) {
      const tag = stack[i]!.tag;
      if (targets.has(tag)) {
        stack.length = i;
        return true;
      }
      if (boundary.has(tag)) return false;
    }
    return false;
  };
  const tableBoundary = new Set(['table']);
  const cellBoundary = new Set(['tr', 'table']);
  const inlineBoundary = new Set(['td', 'th', 'table', 'caption']);
  let events = 0;

  const parser = new Parser(
    {
      onopentag(name, attribs) {
        if (++events % 1024 === 0) clock.check();
        if (CELL.has(name)) closeTo(CELL, cellBoundary);
        else if (name === 'tr') closeTo(new Set(['tr']), tableBoundary);
        else if (SECTION.has(name)) closeTo(SECTION, tableBoundary);
        const el: HtmlEl = { tag: name, attrs: attribs, children: [], line: lineAt(parser.startIndex) };
        top().children.push(el);
        // past a sane depth, elements stay empty and their content goes to the parent, so that
        // walking the tree cannot overflow the stack
        if (!VOID.has(name) && stack.length < MAX_DEPTH) stack.push(el);
      },
      onclosetag(name) {
        if (++events % 1024 === 0) clock.check();
        if (VOID.has(name)) return;
        const boundary =
          name === 'table'
            ? new Set<string>()
            : CELL.has(name) || name === 'tr' || SECTION.has(name) || name === 'caption'
              ? tableBoundary
              : inlineBoundary;
        closeTo(new Set([name]), boundary);
      },
      ontext(data) {
        const parent = top();
        const last = parent.children[parent.children.length - 1];
        if (last && !isEl(last)) last.text += data;
        else parent.children.push({ text: data, line: lineAt(parser.startIndex) });
      },
    },
    { decodeEntities: true, lowerCaseTags: true, lowerCaseAttributeNames: true },
  );
  parser.write(html);
  parser.end();
  return root;
}

interface FlowLine {
  kind: 'line';
  text: string;
  line: number;
}
interface FlowTables {
  kind: 'tables';
  grids: Grid[];
}
type FlowItem = FlowLine | FlowTables;

/** Where text goes while walking: the document (lines and tables) or one table cell. */
interface Sink {
  kind: 'doc' | 'cell';
  items: FlowItem[];
  cur: string;
  curLine: number;
  /** grids of tables nested in this cell, with the tables nested in those */
  nested: Grid[];
  /** the grids of the tables directly in this cell */
  direct: Grid[];
}

function newSink(kind: Sink['kind']): Sink {
  return { kind, items: [], cur: '', curLine: 0, nested: [], direct: [] };
}

interface Ctx {
  file: string;
  clock: Clock;
  notes: string[];
  tables: number;
  title: FlowLine | null;
  hidden: number;
  /** the 1-based table number of each grid made */
  indexOf: WeakMap<Grid, number>;
}

function pushText(sink: Sink, text: string, line: number): void {
  if (sink.cur.trim() === '') {
    const m = /\S/.exec(text);
    if (m) {
      let l = line;
      for (let i = 0; i < m.index; i++) if (text.charCodeAt(i) === 10) l++;
      sink.curLine = l;
    }
  }
  // a line break in the source is only whitespace; breaks come from <br>, blocks and <pre>
  sink.cur += text.replace(/[\r\n]+/g, ' ');
}

function breakLine(sink: Sink): void {
  const text = cleanText(sink.cur);
  if (text) sink.items.push({ kind: 'line', text, line: sink.curLine });
  sink.cur = '';
}

function isHidden(el: HtmlEl): boolean {
  return 'hidden' in el.attrs || /display\s*:\s*none/i.test(el.attrs.style ?? '');
}

function walkChildren(el: HtmlEl, sink: Sink, ctx: Ctx, pre: boolean): void {
  for (const child of el.children) walk(child, sink, ctx, pre);
}

function walk(node: HtmlNode, sink: Sink, ctx: Ctx, pre: boolean): void {
  if (!isEl(node)) {
    if (pre) {
      const parts = node.text.split('\n');
      parts.forEach((part, i) => {
        if (i > 0) breakLine(sink);
        pushText(sink, part, node.line + i);
      });
    } else {
      pushText(sink, node.text, node.line);
    }
    return;
  }
  const tag = node.tag;
  if (tag === 'title') {
    if (!ctx.title) {
      const text = cleanText(textContent(node));
      if (text) ctx.title = { kind: 'line', text, line: node.line };
    }
    return;
  }
  if (tag === 'head') {
    // a <title> is all a head holds for us
    for (const c of node.children) if (isEl(c) && c.tag === 'title') walk(c, sink, ctx, pre);
    return;
  }
  if (SKIP.has(tag)) return;
  if (isHidden(node)) {
    ctx.hidden++;
    return;
  }
  switch (tag) {
    case 'br':
      breakLine(sink);
      return;
    case 'input': {
      const type = (node.attrs.type ?? 'text').toLowerCase();
      if (
        ['text', 'number', 'date', 'tel', 'email', 'search', 'url', 'month'].includes(type) &&
        node.attrs.value
      ) {
        pushText(sink, ` ${node.attrs.value} `, node.line);
      }
      return;
    }
    case 'select': {
      const options = collect(node, (e) => e.tag === 'option');
      const chosen = options.find((o) => 'selected' in o.attrs) ?? options[0];
      if (chosen) pushText(sink, ` ${textContent(chosen)} `, chosen.line);
      return;
    }
    case 'table':
      handleTable(node, sink, ctx);
      return;
  }
  const block = BLOCK.has(tag);
  if (block) breakLine(sink);
  walkChildren(
    node,
    sink,
    ctx,
    pre || tag === 'pre' || tag === 'textarea' || tag === 'xmp' || tag === 'plaintext',
  );
  if (block) breakLine(sink);
}

function textContent(el: HtmlEl): string {
  let s = '';
  for (const c of el.children)
    s += isEl(c) ? (c.tag === 'br' ? '\n' : textContent(c)) : c.text.replace(/[\r\n]+/g, ' ');
  return s;
}

/** descendants matching `pred`, not looking inside nested tables */
function collect(el: HtmlEl, pred: (e: HtmlEl) => boolean, out: HtmlEl[] = []): HtmlEl[] {
  for (const c of el.children) {
    if (!isEl(c)) continue;
    if (pred(c)) out.push(c);
    else if (c.tag !== 'table') collect(c, pred, out);
  }
  return out;
}

interface TableShape {
  rows: HtmlEl[][];
  captions: HtmlEl[];
  /** text and elements that sit in the table outside any cell; browsers show them before it */
  stray: HtmlNode[];
  cellCount: number;
}

/** The rows and cells of one table, skipping hidden rows and looking through wrapper elements. */
function tableShape(table: HtmlEl, ctx: Ctx | null): TableShape {
  const shape: TableShape = { rows: [], captions: [], stray: [], cellCount: 0 };
  let loose: HtmlEl[] | null = null;
  const visit = (el: HtmlEl) => {
    for (const c of el.children) {
      if (!isEl(c)) {
        if (c.text.trim()) shape.stray.push(c);
        continue;
      }
      if (c.tag === 'tr') {
        loose = null;
        if (isHidden(c)) {
          if (ctx) ctx.hidden++;
          continue;
        }
        const cells = collect(c, (e) => CELL.has(e.tag));
        shape.rows.push(cells);
        shape.cellCount += cells.length;
        for (const n of c.children) if (!isEl(n) && n.text.trim()) shape.stray.push(n);
      } else if (CELL.has(c.tag)) {
        // a cell outside any <tr>: browsers open a row for it
        if (!loose) {
          loose = [];
          shape.rows.push(loose);
        }
        loose.push(c);
        shape.cellCount++;
      } else if (c.tag === 'caption') {
        shape.captions.push(c);
      } else if (c.tag === 'table') {
        shape.stray.push(c);
      } else if (SECTION.has(c.tag) || c.tag === 'form' || c.tag === 'colgroup' || !BLOCK.has(c.tag)) {
        if (c.tag !== 'colgroup' && c.tag !== 'col') visit(c);
      } else {
        shape.stray.push(c);
      }
    }
  };
  visit(table);
  return shape;
}

function handleTable(table: HtmlEl, sink: Sink, ctx: Ctx): void {
  const shape = tableShape(table, null);
  const nestedTables = shape.rows.flat().flatMap((cell) => collect(cell, (e) => e.tag === 'table'));
  const largestNested = nestedTables.reduce((m, t) => Math.max(m, tableShape(t, null).cellCount), 0);
  breakLine(sink);
  // content browsers move out of the table and show above it
  for (const node of shape.stray) walk(node, sink, ctx, false);
  breakLine(sink);

  if (nestedTables.length > 0 && shape.cellCount <= largestNested) {
    // a frame around bigger tables: its text is document text
    for (const cap of shape.captions) walk(cap, sink, ctx, false);
    for (const row of shape.rows) {
      for (const cell of row) {
        if (isHidden(cell)) continue;
        walkChildren(cell, sink, ctx, false);
        breakLine(sink);
      }
    }
    return;
  }

  const grids = readDataTable(table, ctx);
  if (sink.kind === 'doc') sink.items.push({ kind: 'tables', grids });
  else {
    sink.direct.push(grids[0]!);
    append(sink.nested, grids);
  }
}

function readDataTable(table: HtmlEl, ctx: Ctx): Grid[] {
  const index = ++ctx.tables;
  const shape = tableShape(table, ctx);
  const notes: string[] = [...ctx.notes];
  const nestedGrids: Grid[] = [];

  const captionSink = newSink('doc');
  for (const cap of shape.captions) {
    walk(cap, captionSink, ctx, false);
    breakLine(captionSink);
  }
  const preamble: TextLine[] = captionSink.items
    .filter((i): i is FlowLine => i.kind === 'line')
    .map((l) => ({ text: l.text, source: { line: l.line, table: index } }));

  const rowCount = shape.rows.length;
  const cells: PlacedCell[] = [];
  /** cells from rows above that reach into later rows */
  let active: { col: number; span: number; lastRow: number }[] = [];
  shape.rows.forEach((row, r) => {
    active = active.filter((a) => a.lastRow >= r);
    let col = 0;
    for (const el of row) {
      ctx.clock.countCells(1);
      col = nextFreeColumn(col, active);
      const colSpan = clampSpan(el.attrs.colspan, MAX_COLSPAN);
      const rawRowSpan = parseSpan(el.attrs.rowspan);
      const rowSpan = rawRowSpan === 0 ? rowCount - r : Math.min(Math.max(rawRowSpan, 1), rowCount - r);
      const cellSink = newSink('cell');
      if (!isHidden(el)) walkChildren(el, cellSink, ctx, false);
      breakLine(cellSink);
      const text = cellSink.items.map((i) => (i.kind === 'line' ? i.text : '')).join('\n');
      if (cellSink.nested.length > 0) {
        const first = ctx.indexOf.get(cellSink.nested[0]!) ?? 0;
        notes.push(
          `第 ${r + 1} 行第 ${col + 1} 列的单元格里嵌有表格，已单独读作第 ${first} 个表格，其文字不计入该单元格`,
        );
        for (const g of cellSink.direct)
          g.notes.push(`此表格嵌在第 ${index} 个表格第 ${r + 1} 行第 ${col + 1} 列的单元格里`);
        append(nestedGrids, cellSink.nested);
      }
      cells.push({ row: r, col, rowSpan, colSpan, text, source: { line: el.line, table: index } });
      if (rowSpan > 1) active.push({ col, span: colSpan, lastRow: r + rowSpan - 1 });
      col += colSpan;
    }
  });
  const grid = makeGrid({ source: ctx.file, format: 'html', preamble, cells, rowCount, notes });
  ctx.indexOf.set(grid, index);
  return [grid, ...nestedGrids];
}

function parseSpan(v: string | undefined): number {
  if (v === undefined) return 1;
  const n = Number.parseInt(v, 10);
  return Number.isFinite(n) ? n : 1;
}

function clampSpan(v: string | undefined, max: number): number {
  return Math.min(Math.max(parseSpan(v), 1), max);
}

function nextFreeColumn(start: number, active: { col: number; span: number }[]): number {
  let col = start;
  let moved = true;
  while (moved) {
    moved = false;
    for (const a of active) {
      if (col >= a.col && col < a.col + a.span) {
        col = a.col + a.span;
        moved = true;
      }
    }
  }
  return col;
}

function collectGrids(root: HtmlEl, file: string, notes: string[], clock: Clock): Grid[] {
  const ctx: Ctx = { file, clock, notes, tables: 0, title: null, hidden: 0, indexOf: new WeakMap() };
  const doc = newSink('doc');
  walkChildren(root, doc, ctx, false);
  breakLine(doc);

  const lines = doc.items.filter((i): i is FlowLine => i.kind === 'line');
  const items: FlowItem[] = [...doc.items];
  const title = ctx.title;
  if (
    title &&
    !lines.some((l) => l.text.includes(title.text) || (l.text.length >= 6 && title.text.includes(l.text)))
  ) {
    items.unshift(title);
  }

  const grids: Grid[] = [];
  let pending: TextLine[] = [];
  let lastMain: Grid | null = null;
  for (const item of items) {
    if (item.kind === 'line') {
      pending.push({ text: item.text, source: { line: item.line } });
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
  const extra = ctx.hidden > 0 ? [`跳过了 ${ctx.hidden} 处网页中隐藏（display:none）的内容`] : [];
  if (lastMain) {
    append(lastMain.preamble, pending);
    for (const g of grids) g.notes.push(...extra);
    return grids;
  }
  return [
    {
      source: file,
      format: 'html',
      preamble: pending,
      rows: [],
      notes: [...notes, '网页中没有表格，只有表外文字', ...extra],
    },
  ];
}
