/**
 * Plain-text tables for terminals. Chinese characters take two columns, so widths are
 * measured in display cells, not string length.
 */

function isWide(cp: number): boolean {
  return (
    (cp >= 0x1100 && cp <= 0x115f) ||
    (cp >= 0x2e80 && cp <= 0xa4cf && cp !== 0x303f) ||
    (cp >= 0xac00 && cp <= 0xd7a3) ||
    (cp >= 0xf900 && cp <= 0xfaff) ||
    (cp >= 0xfe30 && cp <= 0xfe4f) ||
    (cp >= 0xff00 && cp <= 0xff60) ||
    (cp >= 0xffe0 && cp <= 0xffe6) ||
    (cp >= 0x20000 && cp <= 0x3fffd)
  );
}

export function displayWidth(s: string): number {
  let w = 0;
  for (const ch of s) w += isWide(ch.codePointAt(0) ?? 0) ? 2 : 1;
  return w;
}

/** Cuts a string to at most `width` display cells, marking the cut with "…". */
export function truncate(s: string, width: number): string {
  if (displayWidth(s) <= width) return s;
  let out = '';
  let w = 0;
  for (const ch of s) {
    const cw = isWide(ch.codePointAt(0) ?? 0) ? 2 : 1;
    if (w + cw > width - 1) break;
    out += ch;
    w += cw;
  }
  return `${out}…`;
}

export type Align = 'left' | 'right';

function pad(s: string, width: number, align: Align): string {
  const gap = ' '.repeat(Math.max(0, width - displayWidth(s)));
  return align === 'right' ? gap + s : s + gap;
}

export interface Column {
  title: string;
  align?: Align;
  /** widest a cell may be before it is cut */
  max?: number;
}

export function renderTable(columns: Column[], rows: string[][]): string {
  const cells = rows.map((r) => r.map((c, i) => truncate(c.replace(/\s+/g, ' '), columns[i]?.max ?? 40)));
  const widths = columns.map((c, i) =>
    Math.max(displayWidth(c.title), ...cells.map((r) => displayWidth(r[i] ?? ''))),
  );
  const line = (r: string[]) =>
    r
      .map((c, i) => pad(c, widths[i] ?? 0, columns[i]?.align ?? 'left'))
      .join('  ')
      .trimEnd();
  const head = line(columns.map((c) => c.title));
  const rule = widths.map((w) => '─'.repeat(w)).join('  ');
  return [head, rule, ...cells.map(line)].join('\n');
}
