import { describe, expect, it } from 'vitest';
import {
  cell,
  type FormTable,
  linesNeeded,
  moneyCell,
  percentCell,
  rowLines,
  scoreCell,
  tableProblems,
  valueCell,
} from './table.ts';

const shown = (c: ReturnType<typeof cell>) => [c.text, c.number?.value ?? null, c.number?.format ?? null];

describe('table cells', () => {
  it('prints money with two decimals, or all the decimals a figure has', () => {
    expect(shown(moneyCell(0, 390.76))).toEqual(['390.76', 390.76, '0.00']);
    expect(shown(moneyCell(0, 0))).toEqual(['0.00', 0, '0.00']);
    expect(shown(moneyCell(0, 1234.567))).toEqual(['1234.567', 1234.567, '0.000']);
    expect(shown(moneyCell(0, null))).toEqual(['', null, null]);
  });

  it('prints rates as percentages, exactly (decimal, not binary, arithmetic)', () => {
    expect(shown(percentCell(0, 1))).toEqual(['100.00%', 1, '0.00%']);
    expect(shown(percentCell(0, 0.835))).toEqual(['83.50%', 0.835, '0.00%']);
    expect(shown(percentCell(0, 0.83525))).toEqual(['83.525%', 0.83525, '0.000%']);
    expect(shown(percentCell(0, 0.07))).toEqual(['7.00%', 0.07, '0.00%']);
  });

  it('prints scores as written', () => {
    expect(shown(scoreCell(0, 2.9))).toEqual(['2.9', 2.9, 'General']);
    expect(shown(scoreCell(0, 20))).toEqual(['20', 20, 'General']);
  });

  it('stores a bare number or percentage as a number that displays as written, anything else as text', () => {
    expect(shown(valueCell(0, '43.2'))).toEqual(['43.2', 43.2, 'General']);
    expect(shown(valueCell(0, '100%'))).toEqual(['100%', 1, '0%']);
    expect(shown(valueCell(0, '95.00%'))).toEqual(['95.00%', 0.95, '0.00%']);
    expect(shown(valueCell(0, '83.5%'))).toEqual(['83.5%', 0.835, '0.0%']);
    for (const raw of ['1.50', '0012', '≥90%', '5亿', '未发生', '1234567890123456', '']) {
      expect(shown(valueCell(0, raw)), raw).toEqual([raw, null, null]);
    }
  });

  it('counts the lines a wrapped text needs, Chinese characters as two widths', () => {
    expect(linesNeeded('党建主题活动次数', 10)).toBe(2);
    expect(linesNeeded('abc', 10)).toBe(1);
    expect(linesNeeded('一\n二', 10)).toBe(2);
    const t: FormTable = {
      layout: 'hubei-department',
      title: '',
      above: [],
      columns: [10, 10],
      rows: [
        [cell(0, '很长的文字很长的文字很长的文字很长的文字', { rowSpan: 2 }), cell(1, '短')],
        [cell(1, '短')],
      ],
      below: [],
    };
    // 40 widths in a cell of 9 usable: 5 lines over the two rows it covers
    expect(rowLines(t)).toEqual([3, 3]);
    expect(tableProblems(t)).toEqual([]);
    t.rows[1]!.push(cell(0, 'x'));
    expect(tableProblems(t)).toEqual(['row 1 col 0: covered twice']);
  });
});
