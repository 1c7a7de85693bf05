/**
 * The generator itself: forms must be the same for the same seed, their truth must be right
 * (values read as the core parser reads them, weights and totals as the templates have them),
 * and the damage they claim must be in the files. The importer is judged in corpus.test.ts.
 */
import { compactText, parseValue, validate } from '@jixiao/core';
import { describe, expect, it } from 'vitest';
import { layoutForm, placeCells } from './document.ts';
import { generateCorpus, generateForm, indicatorsOf, splitPoints } from './generate.ts';
import { CORPUS_FORMATS, type CorpusForm, DAMAGE_KINDS, renderForm } from './index.ts';
import { createRng, mulberry32 } from './random.ts';
import { toFullWidth } from './values.ts';

const forms = generateCorpus(120, 7);

function text(bytes: Uint8Array): string {
  return new TextDecoder().decode(bytes);
}

describe('the random stream', () => {
  it('is mulberry32: the same numbers on every machine', () => {
    const next = mulberry32(7);
    expect([next(), next(), next()]).toEqual([0.011704753153026104, 0.06195825757458806, 0.97690763277933]);
  });

  it('splits points into parts that add up, in steps of 5 where it can', () => {
    const rng = createRng(1);
    for (const [total, k] of [
      [50, 4],
      [30, 7],
      [10, 1],
      [80, 23],
      [10, 3],
    ] as const) {
      const parts = splitPoints(rng, total, k);
      expect(parts).toHaveLength(k);
      expect(parts.reduce((a, b) => a + b, 0)).toBe(total);
      expect(Math.min(...parts)).toBeGreaterThanOrEqual(1);
      if (total % 5 === 0 && total / 5 >= k) expect(parts.every((p) => p % 5 === 0)).toBe(true);
    }
  });
});

describe('generated forms', () => {
  it('are the same for the same seed and differ for another', () => {
    expect(generateCorpus(10, 7)).toEqual(forms.slice(0, 10));
    const other = generateCorpus(10, 8);
    expect(other.map((f) => f.truth)).not.toEqual(forms.slice(0, 10).map((f) => f.truth));
  });

  it('take the four layouts in turn', () => {
    expect(forms.slice(0, 4).map((f) => f.layout)).toEqual([
      'hubei-department',
      'hubei-project',
      'national-project',
      'sichuan-2023',
    ]);
    expect(generateForm(7, 5, 'sichuan-2023').layout).toBe('sichuan-2023');
  });

  it('have truths the model accepts', () => {
    for (const f of forms) {
      const checked = validate(JSON.parse(JSON.stringify(f.truth)));
      expect(checked.ok, `${f.id}: ${checked.ok ? '' : JSON.stringify(checked.errors[0])}`).toBe(true);
    }
  });

  it('read every target and actual as the core value parser reads it', () => {
    let n = 0;
    for (const f of forms) {
      for (const ind of f.truth.indicators) {
        for (const v of [ind.target, ind.actual]) {
          const parsed = parseValue(v.raw);
          const want: Record<string, unknown> = {
            raw: v.raw,
            op: v.op,
            value: v.value,
            unit: v.unit,
            kind: v.kind,
          };
          if (v.upper !== undefined) want.upper = v.upper;
          expect(parsed, `${f.id} ${ind.name}`).toEqual(want);
          n++;
        }
      }
    }
    expect(n).toBeGreaterThan(2000);
  });

  it('have the shape of their template: goals, indicator counts, weights', () => {
    for (const f of forms) {
      const t = f.truth;
      const byLevel1 = new Map<string, number>();
      for (const ind of t.indicators)
        byLevel1.set(ind.level1, (byLevel1.get(ind.level1) ?? 0) + (ind.weight ?? 0));
      switch (f.layout) {
        case 'hubei-department':
          expect(t.kind).toBe('department');
          expect(f.goals.length).toBeGreaterThanOrEqual(2);
          expect(f.goals.length).toBeLessThanOrEqual(4);
          for (const g of f.goals) {
            expect(indicatorsOf(g).length).toBeGreaterThanOrEqual(4);
            expect(indicatorsOf(g).length).toBeLessThanOrEqual(10);
          }
          expect(t.budget.weight).toBe(20);
          expect(t.indicators.every((i) => i.weight === null && i.goal?.startsWith('G'))).toBe(true);
          expect(t.budget.basicTotal! + t.budget.projectTotal!).toBeCloseTo(t.budget.planned!, 6);
          break;
        case 'hubei-project':
          expect(t.budget.weight).toBe(20);
          expect(t.indicators.every((i) => i.weight === null)).toBe(true);
          expect(f.goals.reduce((s, g) => s + (g.weight ?? 0), 0)).toBe(80);
          break;
        default: {
          expect(t.budget.weight).toBe(10);
          const total = t.indicators.reduce((s, i) => s + (i.weight ?? 0), 0);
          expect(total, f.id).toBe(90);
          const defaults = byLevel1.has('成本指标')
            ? { 产出指标: 40, 成本指标: 10, 效益指标: 30, 满意度指标: 10 }
            : { 产出指标: 50, 效益指标: 30, 满意度指标: 10 };
          expect(Object.fromEntries(byLevel1)).toEqual(defaults);
        }
      }
      expect(new Set(t.indicators.map((i) => compactText(i.name))).size, f.id).toBe(t.indicators.length);
      expect(t.year).toBeGreaterThanOrEqual(2019);
      expect(t.year).toBeLessThanOrEqual(2024);
    }
  });

  it('print scores and totals that add up, except where the damage says they do not', () => {
    for (const f of forms) {
      const t = f.truth;
      const kinds = f.damage.map((d) => d.kind);
      const sum = t.indicators.reduce((s, i) => s + (i.score ?? 0), t.budget.score ?? 0);
      if (!kinds.includes('inconsistent-total')) expect(t.totalReported, f.id).toBeCloseTo(sum, 6);
      else expect(Math.abs((t.totalReported ?? 0) - sum)).toBeGreaterThan(1);
      for (const ind of t.indicators) {
        if (ind.weight !== null && ind.score !== null && ind.score > ind.weight) {
          expect(f.damage.some((d) => d.kind === 'inconsistent-score' && d.where.endsWith(ind.name))).toBe(
            true,
          );
        }
      }
      expect(t.budget.score).toBeLessThanOrEqual(t.budget.weight ?? 0);
    }
  });

  it('show every kind of damage somewhere in the corpus', async () => {
    const seen = new Set(forms.flatMap((f) => f.damage.map((d) => d.kind)));
    for (const [i, f] of forms.slice(0, 24).entries()) {
      // exceljs is slow to write; a few workbooks show its one damage
      const formats =
        i < 6
          ? (['markdown', 'pipe-rows', 'pdf-borderless', 'xlsx'] as const)
          : (['markdown', 'pipe-rows', 'pdf-borderless'] as const);
      for (const format of formats) {
        for (const d of (await renderForm(f, format)).damage) seen.add(d.kind);
      }
    }
    expect([...DAMAGE_KINDS].filter((k) => !seen.has(k))).toEqual([]);
  });

  it('have truths that hold what is printed: cut names, no template prefixes, no placeholder or 其中 rows', async () => {
    const checked = new Set<string>();
    for (const f of forms.slice(0, 100)) {
      const html = text((await renderForm(f, 'html')).bytes);
      for (const d of f.damage) {
        if (d.kind === 'truncated' && d.where.includes(' ') && !d.where.includes('目标')) {
          const cut = d.detail!;
          expect(f.truth.indicators.some((i) => i.name === cut)).toBe(true);
          expect(html).toContain(cut);
          checked.add(d.kind);
        }
        if (d.kind === 'template-prefix') {
          expect(html).toMatch(/指标1：/);
          expect(f.truth.indicators.some((i) => /^指标\d/.test(i.name))).toBe(false);
          checked.add(d.kind);
        }
        if (d.kind === 'placeholder-rows') {
          expect(html).toContain('……');
          checked.add(d.kind);
        }
        if (d.kind === 'breakdown-rows') {
          expect(html).toMatch(/<td>其中/);
          expect(f.truth.indicators.some((i) => i.name.startsWith('其中'))).toBe(false);
          checked.add(d.kind);
        }
        if (d.kind === 'full-width') {
          expect(html).toMatch(/[０-９]/);
          checked.add(d.kind);
        }
      }
    }
    expect([...checked].sort()).toEqual([
      'breakdown-rows',
      'full-width',
      'placeholder-rows',
      'template-prefix',
      'truncated',
    ]);
  });

  it('lay out as full tables: every row fills the template’s columns', () => {
    for (const f of forms) expect(() => placeCells(layoutForm(f))).not.toThrow();
  });
});

describe('rendered files', () => {
  const sample: CorpusForm[] = forms.slice(0, 8);

  it('come out the same, byte for byte, every time', async () => {
    for (const f of sample.slice(0, 4)) {
      for (const format of CORPUS_FORMATS) {
        const a = await renderForm(f, format);
        const b = await renderForm(f, format);
        expect(Buffer.compare(Buffer.from(a.bytes), Buffer.from(b.bytes)), `${f.id} ${format}`).toBe(0);
        expect(a.file).toMatch(
          new RegExp(`^${f.id}-${f.layout}-${format}\\.(md|txt|html|csv|xlsx|docx|pdf)$`),
        );
      }
    }
  });

  it('are what their format says: BOM, GBK, zip, PDF, markdown tables', async () => {
    const f = sample[0]!;
    const bytes = async (format: (typeof CORPUS_FORMATS)[number]) => (await renderForm(f, format)).bytes;
    expect([...(await bytes('csv-utf8-bom')).slice(0, 3)]).toEqual([0xef, 0xbb, 0xbf]);
    const gbk = await bytes('csv-gbk');
    expect(new TextDecoder('gbk').decode(gbk)).toContain(f.unit);
    expect(() => new TextDecoder('utf-8', { fatal: true }).decode(gbk)).toThrow();
    expect(text((await bytes('xlsx')).slice(0, 2))).toBe('PK');
    expect(text((await bytes('docx')).slice(0, 2))).toBe('PK');
    expect(text((await bytes('pdf')).slice(0, 8))).toBe('%PDF-1.4');
    expect(text(await bytes('markdown'))).toMatch(/^\|--\|/m);
    expect(text(await bytes('cell-per-line'))).toMatch(/^\|\|+$/m);
    expect(text(await bytes('cell-per-line-no-rows'))).not.toMatch(/^\|\|+$/m);
    expect(text(await bytes('tab-separated'))).toContain('\t');
    expect(text(await bytes('paragraphs'))).toContain('\n\n \n\n');
  });

  it('carry the damage they record: split operators, glued values, shifted rows and page splits', async () => {
    const found = new Set<string>();
    for (const f of forms.slice(0, 40)) {
      const r = await renderForm(f, 'markdown');
      const md = text(r.bytes);
      for (const d of r.damage) {
        if (d.kind === 'page-split') {
          expect(md.match(/^\|--/gm)).toHaveLength(2);
          found.add(d.kind);
        }
        if (d.kind === 'split-operator') {
          expect(md).toMatch(/\| (≥|≤|>=|<=|＞|＜|>|<|=) \| \d/);
          found.add(d.kind);
        }
        if (d.kind === 'glued-values') {
          expect(md).toMatch(/\d[^\d|\s.]+\d|\d%? \d/);
          found.add(d.kind);
        }
      }
    }
    expect([...found].sort()).toEqual(['glued-values', 'page-split', 'split-operator']);
  });

  it('write full-width digits as full-width forms', () => {
    expect(toFullWidth('≥12.5%')).toBe('≥１２．５％');
    expect(toFullWidth('达成')).toBe('达成');
  });
});
