import { describe, expect, it } from 'vitest';
import { foldText } from './text.ts';

describe('foldText', () => {
  it('returns a text that needs no folding as it is', () => {
    for (const t of ['', '95%', '≥90%', '产出指标', '150万元', '…']) expect(foldText(t)).toBe(t);
  });

  it('folds from the first character that needs it, wherever that is', () => {
    expect(foldText('≧９０％')).toBe('≥90%');
    expect(foldText('完成率≧９０％')).toBe('完成率≥90%');
    expect(foldText('完成 90 %')).toBe('完成90%');
    expect(foldText('90%\n')).toBe('90%');
    expect(foldText('1—2')).toBe('1-2');
    expect(foldText('约2〜3天')).toBe('约2~3天');
    expect(foldText('\u3000１')).toBe('1');
  });

  it('leaves lone surrogates untouched, before and after a fold', () => {
    expect(foldText('\ud800a')).toBe('\ud800a');
    expect(foldText('\ud800 ａ')).toBe('\ud800a');
  });
});
