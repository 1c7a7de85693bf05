import { describe, expect, it } from 'vitest';
import type { Grid } from '../grid.ts';
import { alignCells, type Slot } from './align.ts';
import { type Tok, tokenize } from './tokens.ts';

/** The cells of one markdown-like row, empty ones kept, as the extractor's tokens. */
function rowToks(texts: string[]) {
  const grid: Grid = {
    source: 'row.md',
    format: 'markdown',
    preamble: [],
    rows: [
      texts.map((text, col) => ({ row: 0, col, rowSpan: 1, colSpan: 1, text, page: 1, source: { line: 1 } })),
    ],
    notes: [],
  };
  return tokenize([grid]);
}

const number = (t: Tok) => (/^\d+(\.\d+)?$/.test(t.text) ? 1 : -Infinity);
const SLOTS: Slot<string>[] = [
  { role: 'target', col: 0, fit: () => 1 },
  { role: 'actual', col: 1, fit: () => 1 },
  { role: 'weight', col: 2, fit: number },
  { role: 'score', col: 3, fit: number },
  { role: 'deviation', col: 4, fit: (t) => (/^\d+$/.test(t.text) ? 0.3 : 1) },
];

describe('alignCells', () => {
  it('reads a row shifted right by one in order when its 偏差原因 column is empty', () => {
    const toks = rowToks(['', '≥17场', '26场', '3', '3', '']);
    const a = alignCells(toks, SLOTS, { positional: true, shift: 0 });
    const text = (role: string) => a.cells[role]?.text ?? null;
    expect([text('target'), text('actual'), text('weight'), text('score'), text('deviation')]).toEqual([
      '≥17场',
      '26场',
      '3',
      '3',
      null,
    ]);
  });

  it('keeps the 完成值 of a shifted Sichuan row instead of pushing 得分 into 未完成原因', () => {
    const slots: Slot<string>[] = [
      { role: 'op', col: 0, fit: (t) => (/^[≥≤]$/.test(t.text) ? 1 : -Infinity) },
      { role: 'target', col: 1, fit: () => 1 },
      { role: 'unit', col: 2, fit: (t) => (/^\D{1,4}$/.test(t.text) ? 1 : -Infinity) },
      ...SLOTS.slice(1).map((s, k) => ({ ...s, col: k + 3 })),
    ];
    const a = alignCells(rowToks(['', '≥', '7', '场', '10', '15', '15']), slots, {
      positional: true,
      shift: 0,
    });
    expect(Object.fromEntries(Object.entries(a.cells).map(([k, t]) => [k, t?.text]))).toEqual({
      op: '≥',
      target: '7',
      unit: '场',
      actual: '10',
      weight: '15',
      score: '15',
    });
  });

  it('still puts a sentence in the 偏差原因 column when a value is missing', () => {
    const toks = rowToks(['≥17场', '', '3', '1', '目标设定偏低']);
    const a = alignCells(toks, SLOTS, { positional: true, shift: 0 });
    expect(a.cells.actual?.text ?? '').toBe('');
    expect(a.cells.deviation?.text).toBe('目标设定偏低');
    expect(a.cells.score?.text).toBe('1');
  });
});
