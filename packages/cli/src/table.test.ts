import { describe, expect, it } from 'vitest';
import { displayWidth, renderTable, truncate } from './table.ts';

describe('terminal table', () => {
  it('counts Chinese characters as two columns', () => {
    expect(displayWidth('得分')).toBe(4);
    expect(displayWidth('≥12次')).toBe(5);
    expect(displayWidth('ＡＢ')).toBe(4);
  });
  it('aligns columns by display width', () => {
    const out = renderTable(
      [{ title: '指标' }, { title: '得分', align: 'right' }],
      [
        ['党建主题活动次数', '3'],
        ['ab', '20'],
      ],
    );
    const lines = out.split('\n');
    expect(lines.map(displayWidth)).toEqual([22, 22, 22, 22]);
    expect(lines[3]?.endsWith('20')).toBe(true);
  });
  it('cuts long cells with an ellipsis', () => {
    expect(truncate('积极为民营企业协调解决困难和问题', 10)).toBe('积极为民…');
    expect(displayWidth(truncate('积极为民营企业协调解决困难和问题', 10))).toBeLessThanOrEqual(10);
  });
});
