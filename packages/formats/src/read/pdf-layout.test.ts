import { describe, expect, it } from 'vitest';
import type { LaidTable, TextRun } from './pdf-layout.ts';
import {
  addsScriptAir,
  cellText,
  columnBoundaries,
  joinLine,
  layoutPage,
  looseLines,
  splitAtSpaces,
} from './pdf-layout.ts';
import type { Segment } from './pdf-rulings.ts';

const SIZE = 10;

/** a run of text at (x, baseline); width from the characters (CJK 1 em, others 0.55 em) */
function run(text: string, x: number, baseline: number, size = SIZE): TextRun {
  const width = [...text].reduce((w, ch) => w + ((ch.codePointAt(0) ?? 0) >= 0x2e80 ? 1 : 0.55), 0) * size;
  return {
    text,
    x0: x,
    x1: x + width,
    top: baseline - 0.85 * size,
    bottom: baseline + 0.15 * size,
    baseline,
    size,
  };
}

const h = (y: number, x1: number, x2: number): Segment => ({ x1, y1: y, x2, y2: y });
const v = (x: number, y1: number, y2: number): Segment => ({ x1: x, y1, x2: x, y2 });

/** full borders of a grid given by its column and row positions */
function box(xs: number[], ys: number[]): Segment[] {
  const left = xs[0] ?? 0;
  const right = xs[xs.length - 1] ?? 0;
  const top = ys[0] ?? 0;
  const bottom = ys[ys.length - 1] ?? 0;
  return [...ys.map((y) => h(y, left, right)), ...xs.map((x) => v(x, top, bottom))];
}

function texts(table: LaidTable | undefined): string[][] {
  const rows: string[][] = Array.from({ length: table?.rowCount ?? 0 }, () => []);
  for (const c of table?.cells ?? []) rows[c.row]?.push(c.text);
  return rows;
}

describe('layoutPage with ruling lines', () => {
  it('finds the cells of a fully ruled grid and the text in each', () => {
    const xs = [50, 150, 250, 350];
    const ys = [100, 120, 140];
    const layout = layoutPage(
      [
        run('一级指标', 60, 114),
        run('二级指标', 160, 114),
        run('得分', 260, 114),
        run('产出指标', 60, 134),
        run('3', 260, 134),
      ],
      box(xs, ys),
    );
    expect(layout.tables).toHaveLength(1);
    const [table] = layout.tables;
    expect(table?.ruled).toBe(true);
    expect(texts(table)).toEqual([
      ['一级指标', '二级指标', '得分'],
      ['产出指标', '', '3'],
    ]);
    expect(table?.columns).toEqual(xs);
  });

  it('makes a merged cell where a border piece is missing, in both directions', () => {
    // 3 × 3; the top row's first two cells are one; the first column's last two rows are one
    const segments = [
      h(100, 50, 350),
      h(120, 50, 350),
      h(140, 150, 350),
      h(160, 50, 350),
      v(50, 100, 160),
      v(150, 100, 160),
      v(250, 100, 160),
      v(350, 100, 160),
    ].map((s) => s);
    // remove the vertical at x = 150 in the top row
    segments[5] = v(150, 120, 160);
    const layout = layoutPage([run('预算执行情况', 60, 114), run('产出指标', 60, 144)], segments);
    const cells = layout.tables[0]?.cells ?? [];
    expect(cells.find((c) => c.text === '预算执行情况')).toMatchObject({
      row: 0,
      col: 0,
      colSpan: 2,
      rowSpan: 1,
    });
    expect(cells.find((c) => c.text === '产出指标')).toMatchObject({
      row: 1,
      col: 0,
      colSpan: 1,
      rowSpan: 2,
    });
    expect(cells).toHaveLength(1 + 1 + 1 + 2 + 2);
  });

  it('joins border pieces drawn cell by cell (as office suites do) into lines', () => {
    const segments: Segment[] = [];
    const xs = [0, 100, 200];
    const ys = [0, 20, 40];
    for (let r = 0; r < 2; r += 1) {
      for (let c = 0; c < 2; c += 1) {
        const [x0, x1, y0, y1] = [xs[c] ?? 0, xs[c + 1] ?? 0, ys[r] ?? 0, ys[r + 1] ?? 0];
        segments.push(h(y0, x0, x1), h(y1, x0, x1), v(x0, y0, y1), v(x1, y0, y1));
      }
    }
    const layout = layoutPage(
      [run('甲', 10, 14), run('乙', 110, 14), run('丙', 10, 34), run('丁', 110, 34)],
      segments,
    );
    expect(texts(layout.tables[0])).toEqual([
      ['甲', '乙'],
      ['丙', '丁'],
    ]);
  });

  it('splits a text run where a column border runs through its space', () => {
    // pdf.js joins "1个 1个" into one item when the gap is narrow
    const layout = layoutPage([run('1个 1个', 102, 14)], box([50, 100, 121, 200], [0, 20]));
    expect(texts(layout.tables[0])).toEqual([['', '1个', '1个']]);
  });

  it('gives text above a table to its preamble and text below to the end of it', () => {
    const layout = layoutPage(
      [
        run('2023年度项目支出绩效自评表', 60, 40),
        run('甲', 60, 114),
        run('乙', 160, 114),
        run('第1页', 60, 300),
      ],
      box([50, 150, 250], [100, 120]),
    );
    const [table] = layout.tables;
    expect(table?.before.map((l) => l.text)).toEqual(['2023年度项目支出绩效自评表']);
    expect(table?.after.map((l) => l.text)).toEqual(['第1页']);
  });

  it('keeps two tables on one page apart, with the lines between them before the second', () => {
    const layout = layoutPage(
      [
        run('甲', 60, 114),
        run('乙', 160, 114),
        run('项目二', 60, 170),
        run('丙', 60, 214),
        run('丁', 160, 214),
      ],
      [...box([50, 150, 250], [100, 120]), ...box([50, 150, 250], [200, 220])],
    );
    expect(layout.tables.map(texts)).toEqual([[['甲', '乙']], [['丙', '丁']]]);
    expect(layout.tables[1]?.before.map((l) => l.text)).toEqual(['项目二']);
  });

  it('does not take a frame around one block of text, or lines without text, for a table', () => {
    const layout = layoutPage(
      [run('说明：本表由单位填报。', 60, 114)],
      [...box([50, 400], [100, 120]), ...box([500, 550, 600], [100, 120, 140])],
    );
    expect(layout.tables).toEqual([]);
    expect(layout.lines.map((l) => l.text)).toEqual(['说明：本表由单位填报。']);
  });
  it('gives up on rulings when a page is a drawing of thousands of lines, and stays quick', () => {
    const hatch: Segment[] = [];
    for (let i = 0; i < 3000; i += 1) hatch.push(h(i * 1.5, 0, 4500), v(i * 1.5, 0, 4500));
    const started = Date.now();
    const layout = layoutPage([run('图', 10, 14), run('表', 200, 14)], hatch);
    // a hang guard, not a speed goal: the quadratic path would take minutes
    expect(Date.now() - started).toBeLessThan(60_000);
    expect(layout.tables.every((t) => !t.ruled)).toBe(true);
    expect(layout.notes.join()).toContain('像是图形');
  });
});

describe('layoutPage without ruling lines', () => {
  it('finds columns from where the text of the rows leaves gaps, and spans for wide cells', () => {
    const rows = [
      ['产出指标', '数量指标', '党建主题活动次数', '≥12次'],
      ['', '质量指标', '考试合格率', '100%'],
      ['效益指标', '社会效益指标', '回应率', '100%'],
    ];
    const xs = [50, 150, 250, 450];
    const runs: TextRun[] = [run('项目支出绩效自评表', 200, 40)];
    rows.forEach((cells, r) => {
      cells.forEach((text, c) => {
        if (text) runs.push(run(text, xs[c] ?? 0, 100 + 20 * r));
      });
    });
    runs.push(run('发挥党建工作的引领作用，提高园区党员凝聚力。', 50, 160));
    const layout = layoutPage(runs, []);
    const [table] = layout.tables;
    expect(table?.ruled).toBe(false);
    expect(table?.colCount).toBe(4);
    expect(table?.cells.filter((c) => c.row === 1).map((c) => [c.col, c.text])).toEqual([
      [1, '质量指标'],
      [2, '考试合格率'],
      [3, '100%'],
    ]);
    expect(table?.before.map((l) => l.text)).toEqual(['项目支出绩效自评表']);
    // one wide line below the table is not a table row
    expect(table?.after.map((l) => l.text)).toEqual(['发挥党建工作的引领作用，提高园区党员凝聚力。']);
  });

  /** the cells of the row holding `text`, as [col, text] */
  const rowOf = (table: LaidTable | undefined, text: string): [number, string][] => {
    const row = table?.cells.find((c) => c.text === text)?.row;
    return (table?.cells ?? []).filter((c) => c.row === row).map((c) => [c.col, c.text]);
  };

  it('keeps the column boundaries that text spanning several columns bridges on many lines', () => {
    // three columns, text at 50–90, 150–190, 250–290; five goal texts run across all of them
    const piece = (x0: number, x1: number) => ({ x0, x1 });
    const lines = [
      [piece(50, 90), piece(150, 190), piece(250, 290)],
      [piece(60, 80), piece(150, 170), piece(260, 280)],
      ...Array.from({ length: 5 }, () => [piece(50, 290)]),
      // a label centred on the first two columns
      [piece(100, 140)],
    ];
    const bounds = columnBoundaries(lines);
    expect(bounds).toHaveLength(2);
    expect(bounds[0]).toBeGreaterThan(90);
    expect(bounds[0]).toBeLessThan(150);
    expect(bounds[1]).toBeGreaterThan(190);
    expect(bounds[1]).toBeLessThan(250);
    // a single line of text has no boundaries
    expect(columnBoundaries([[piece(0, 100)]])).toEqual([]);
  });

  it('keeps a boundary off the widest line of a column whose row has its values on another line', () => {
    const piece = (x0: number, x1: number) => ({ x0, x1 });
    const bounds = columnBoundaries([
      [piece(50, 90), piece(200, 230)],
      [piece(50, 90), piece(200, 230)],
      // a wrapped name, 50–170, alone on its line
      [piece(50, 170)],
    ]);
    expect(bounds).toHaveLength(1);
    expect(bounds[0]).toBeGreaterThan(170);
    expect(bounds[0]).toBeLessThan(200);
  });

  it('joins a wrapped name and gives it the values centred between its two lines', () => {
    // columns 二级 | 三级 | 目标值 | 得分, rows 25 pt apart, a name wrapped at 120 pt with 12 pt leading
    const runs = [
      run('二级指标', 50, 100),
      run('三级指标', 150, 100),
      run('年度指标值', 300, 100),
      run('得分', 400, 100),
      run('数量指标', 50, 125),
      run('培训次数', 150, 125),
      run('≥12次', 300, 125),
      run('5', 400, 125),
      run('农村低收入人口和脱贫人', 150, 144),
      run('≥16800人', 300, 150),
      run('4', 400, 150),
      run('口参加医疗保险', 150, 156),
      // a label centred on two rows, between them
      run('质量指标', 50, 187),
      run('工程验收合格率', 150, 175),
      run('≥90%', 300, 175),
      run('3', 400, 175),
      run('病床使用率', 150, 200),
      run('85%', 300, 200),
      run('2', 400, 200),
    ];
    const [table] = layoutPage(runs, []).tables;
    expect(table?.colCount).toBe(4);
    expect(rowOf(table, '农村低收入人口和脱贫人口参加医疗保险')).toEqual([
      [1, '农村低收入人口和脱贫人口参加医疗保险'],
      [2, '≥16800人'],
      [3, '4'],
    ]);
    expect(rowOf(table, '质量指标')).toEqual([[0, '质量指标']]);
    expect(rowOf(table, '工程验收合格率').map((c) => c[1])).toEqual(['工程验收合格率', '≥90%', '3']);
    expect(table?.rowCount).toBe(6);
  });

  it('joins the two lines of a label centred on two rows, which sit closer than the rows', () => {
    // 8 pt text, rows 16 pt apart; the label's lines 10 pt apart, 3 pt below the first row's
    // baseline and 3 pt above the second's
    const r = (text: string, x: number, y: number) => run(text, x, y, 8);
    const runs = [
      r('一级指标', 50, 100),
      r('二级指标', 150, 100),
      r('三级指标', 250, 100),
      r('得分', 350, 100),
      r('产出指标', 50, 116),
      r('数量指标', 150, 116),
      r('培训次数', 250, 116),
      r('5', 350, 116),
      r('服务对象满意', 150, 135),
      r('甲满意度', 250, 132),
      r('4', 350, 132),
      r('度指标', 162, 145),
      r('乙满意度', 250, 148),
      r('3', 350, 148),
    ];
    const [table] = layoutPage(runs, []).tables;
    const texts = table?.cells.map((c) => c.text) ?? [];
    expect(texts).toContain('服务对象满意度指标');
    expect(texts).not.toContain('度指标');
    // the rows themselves stay apart
    expect(rowOf(table, '甲满意度').map((c) => c[1])).toEqual(['甲满意度', '4']);
  });

  it('joins a label typed on two lines that share their baselines with a row of wrapped cells', () => {
    // the row's lines 10 pt apart, its one-line values centred between them; the label
    // '效益指标' Enter '（30分）' is centred in its column and stops short of the widest label
    // there, so its first line is not full: only the values between the lines make it one row
    const runs = [
      run('一级指标', 70, 100),
      run('二级指标', 150, 100),
      run('三级指标', 250, 100),
      run('实际完成值', 420, 100),
      run('得分', 500, 100),
      run('产出指标（50分）', 50, 120),
      run('数量指标', 150, 120),
      run('培训次数', 250, 120),
      run('12次', 420, 120),
      run('5', 500, 120),
      run('效益指标', 70, 140),
      run('社会效益', 150, 140),
      run('积极为民营企业协调解决', 250, 140),
      run('部分回应', 420, 145),
      run('21', 500, 145),
      run('（30分）', 69.5, 150),
      run('指标', 150, 150),
      run('困难和问题', 250, 150),
      run('满意度指标', 65, 170),
      run('满意度', 150, 170),
      run('服务对象满意度', 250, 170),
      run('95%', 420, 170),
      run('9', 500, 170),
    ];
    const [table] = layoutPage(runs, []).tables;
    expect(table?.colCount).toBe(5);
    expect(rowOf(table, '积极为民营企业协调解决困难和问题')).toEqual([
      [0, '效益指标（30分）'],
      [1, '社会效益指标'],
      [2, '积极为民营企业协调解决困难和问题'],
      [3, '部分回应'],
      [4, '21'],
    ]);
    expect(rowOf(table, '培训次数').map((c) => c[1])).toEqual([
      '产出指标（50分）',
      '数量指标',
      '培训次数',
      '12次',
      '5',
    ]);
    expect(rowOf(table, '服务对象满意度').map((c) => c[1])).toEqual([
      '满意度指标',
      '满意度',
      '服务对象满意度',
      '95%',
      '9',
    ]);
    expect(table?.rowCount).toBe(4);
  });

  it('keeps rows apart that an office suite prints as close as wrapped lines, and joins a wrapped header', () => {
    // 7.5 pt text, rows 11.2 pt apart, a header cell "执行率" / "（B/A）" 10.9 pt apart
    const r = (text: string, x: number, y: number) => run(text, x, y, 7.5);
    const runs = [
      r('主管部门', 50, 85.8),
      r('某局', 150, 85.8),
      r('实施单位', 250, 85.8),
      r('执行率', 300, 97.2),
      r('名称', 50, 102.7),
      r('分值', 250, 102.7),
      r('（B/A）', 298, 108.1),
      r('总额', 50, 119.5),
      r('10', 252, 119.5),
      r('100%', 300, 119.5),
      r('其中：财政拨款', 50, 130.7),
      r('10', 252, 130.7),
      r('100%', 300, 130.7),
      r('其他资金', 50, 141.9),
      r('—', 252, 141.9),
      r('—', 302, 141.9),
    ];
    const [table] = layoutPage(runs, []).tables;
    expect(table?.cells.map((c) => c.text)).toContain('执行率（B/A）');
    expect(rowOf(table, '总额').map((c) => c[1])).toEqual(['总额', '10', '100%']);
    expect(rowOf(table, '其中：财政拨款').map((c) => c[1])).toEqual(['其中：财政拨款', '10', '100%']);
    expect(rowOf(table, '其他资金').map((c) => c[1])).toEqual(['其他资金', '—', '—']);
  });

  it('reads a page of prose as lines, with no table', () => {
    const layout = layoutPage([run('一、部门基本情况', 50, 100), run('（一）部门职能', 50, 120)], []);
    expect(layout.tables).toEqual([]);
    expect(layout.lines.map((l) => l.text)).toEqual(['一、部门基本情况', '（一）部门职能']);
  });
});

describe('text of lines and cells', () => {
  it('drops the air word processors put between Chinese and digits, keeps real gaps', () => {
    const gap = (a: string, b: string, em: number): string => {
      const first = run(a, 0, 10);
      return joinLine([first, run(b, first.x1 + em * SIZE, 10)]);
    };
    expect(gap('≥12', '次', 0.25)).toBe('≥12次');
    expect(gap('引进', '100', 0.25)).toBe('引进100');
    expect(gap('Page', '1', 0.3)).toBe('Page 1');
    expect(gap('单位名称：', '光谷', 1)).toBe('单位名称： 光谷');
    expect(gap('党建', '主题', 0)).toBe('党建主题');
  });

  it('keeps a typed space between Chinese and Latin text where the page has no such air', () => {
    const gap = (a: string, b: string, em: number): string => {
      const first = run(a, 0, 10);
      return joinLine([first, run(b, first.x1 + em * SIZE, 10)], false);
    };
    // Chromium prints the space of "主体 (个)" a quarter em wide, as wide as a word processor's air
    expect(gap('主体', '(个)', 0.256)).toBe('主体 (个)');
    expect(gap('目标', '1', 0.26)).toBe('目标 1');
    // what touches still joins, and kerning is not a space
    expect(gap('困户', '(人)', 0)).toBe('困户(人)');
    expect(gap('2023', '年', 0.05)).toBe('2023年');
  });

  it('tells a page with air between Chinese and Latin text from one without', () => {
    // one piece per character or script, as Chromium draws a line ("2023年度" "主体 (个)")
    const line = (parts: [string, number][], baseline: number): TextRun[] => {
      let x = 50;
      return parts.map(([text, em]) => {
        const r = run(text, x + em * SIZE, baseline);
        x = r.x1;
        return r;
      });
    };
    const browser = [
      ...line(
        [
          ['2023', 0],
          ['年度', 0],
          ['主体', 0],
          ['(个)', 0.256],
        ],
        20,
      ),
      ...line(
        [
          ['满意度', 0],
          ['90', 0],
          ['%', 0],
        ],
        40,
      ),
    ];
    expect(addsScriptAir(browser)).toBe(false);
    const layout = layoutPage(browser, []);
    expect(layout.lines.map((l) => l.text)).toEqual(['2023年度主体 (个)', '满意度90%']);
    // Writer: the same texts with a quarter em of air wherever Chinese meets Latin
    const writer = [
      ...line(
        [
          ['2023', 0],
          ['年度', 0.25],
          ['主体', 0],
          ['(个)', 0.256],
        ],
        20,
      ),
      ...line(
        [
          ['满意度', 0],
          ['90', 0.25],
          ['%', 0],
        ],
        40,
      ),
      run('≥12 次', 50, 60),
    ];
    expect(addsScriptAir(writer)).toBe(true);
    expect(layoutPage(writer, []).lines.map((l) => l.text)).toEqual([
      '2023年度主体(个)',
      '满意度90%',
      '≥12次',
    ]);
    // inside one piece pdf.js has judged: "2023年" touching, "≥12 次" with air
    expect(addsScriptAir([run('2023年度', 50, 20), run('第1页', 50, 40)])).toBe(false);
    expect(addsScriptAir([run('≥12 次', 50, 20), run('引进 100 亿元', 50, 40)])).toBe(true);
    // no evidence either way: the word processors' reading
    expect(addsScriptAir([run('党建主题', 50, 20)])).toBe(true);
  });

  it('joins lines the office suite wrapped, keeps line breaks the author typed', () => {
    // a cell 100 pt wide: 9 characters of 10 pt fill it
    const wrapped = cellText([run('积极为民营企业协调', 52, 20), run('解决困难', 52, 32)], 50, 150);
    expect(wrapped).toBe('积极为民营企业协调解决困难');
    const typed = cellText([run('预算执行情况', 52, 20), run('（万元）', 52, 32)], 50, 150);
    expect(typed).toBe('预算执行情况\n（万元）');
    // "（B/A）" cannot be split, so the line before it was full
    const header = cellText([run('执行率', 52, 20), run('（B/A）', 52, 32)], 50, 100);
    expect(header).toBe('执行率（B/A）');
  });

  it('splits a run at its spaces into words with positions inside the run', () => {
    const words = splitAtSpaces(run('≥90% 93%', 100, 10));
    expect(words.map((w) => w.text)).toEqual(['≥90%', '93%']);
    expect(words[0]?.x0).toBe(100);
    expect(words[1]?.x0 ?? 0).toBeGreaterThan(words[0]?.x1 ?? 0);
  });

  it('keeps 单位名称 and 填报日期 on one printed line as two lines of text', () => {
    const lines = looseLines([run('单位名称：某县教育局', 40, 60), run('填报日期：2024.5.20', 500, 60)]);
    expect(lines.map((l) => [l.text, l.x])).toEqual([
      ['单位名称：某县教育局', 40],
      ['填报日期：2024.5.20', 500],
    ]);
  });
});
