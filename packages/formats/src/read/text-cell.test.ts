import { describe, expect, it } from 'vitest';
import { cellText, cellTextIn } from './text.ts';

describe('cellTextIn', () => {
  // the readers take a cell between two separators without slicing it first: what they get must be
  // exactly what cellText gives for the slice, whatever whitespace the cell holds
  const line = [
    '',
    ' ',
    '   ',
    '项目名称',
    ' 项目名称 ',
    '  年度 指标值  ',
    '年度  指标值',
    '\t≥95%\t',
    '\u00a0完成\u00a0',
    '\u3000一级指标\u3000',
    '满意度\n指标',
    ' a\u200bb ',
    ' x\u0007y ',
  ].join('|');
  const bounds: [number, number][] = [];
  for (let from = 0; from <= line.length; from++)
    for (let to = from; to <= line.length; to++) bounds.push([from, to]);

  it('gives cellText of the slice for every range of a line', () => {
    for (const [from, to] of bounds) expect(cellTextIn(line, from, to)).toBe(cellText(line.slice(from, to)));
  });

  it('trims the spaces around a cell and folds none inside it when there is none to fold', () => {
    const between = (row: string) => cellTextIn(row, 1, row.lastIndexOf('|'));
    expect(between('| 项目 名称 |')).toBe('项目 名称');
    expect(between('|  年度  指标  |')).toBe('年度 指标');
  });
});
