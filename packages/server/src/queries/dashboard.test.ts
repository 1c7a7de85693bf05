/**
 * The dashboard on both databases: the aggregates the database computes equal a plain decimal
 * computation over the same rows (values on and within an ulp of the bucket edges included),
 * units come one page at a time by name, averages are exact, the scope holds, and a kept
 * answer is replaced after the next write.
 */
import { type Decimal, dec, roundNumber } from '@jixiao/core';
import { beforeAll, expect, it } from 'vitest';
import { createEvaluation } from '../commands/createEvaluation.ts';
import { createUnit } from '../commands/createUnit.ts';
import { STATUSES, type Status } from '../domain.ts';
import { newId } from '../ids.ts';
import { type BulkEvaluation, insertEvaluationsBulk, insertUnitsBulk } from '../store/repos/bulk.ts';
import type { EvaluationRecord } from '../store/repos/evaluations.ts';
import { describeEachBackend } from '../testing/databases.ts';
import { projectDocument, useSeededStore } from '../testing/fixtures.ts';
import { dashboard, dashboardJson } from './dashboard.ts';

const YEAR = 2041;
// on an edge, within an ulp of one (the same double as the edge), and plainly between
const TOTALS = [
  '59.99',
  '60',
  '60.00',
  '59.999999999999999999',
  '90',
  '89.9999999999999999999',
  '90.0000000000000000001',
  '100',
  '75.5',
  '85.015',
  null,
];
const RATES = ['0.6', '0.59999999999999999999', '1', '1.0000000000000000001', '0.95', '0.1', null];
const GRADES = ['优', '良', '中', '差', null];

interface Row {
  unitId: string;
  unitName: string;
  status: Status;
  grade: string | null;
  total: string | null;
  rate: string | null;
  errors: number;
  warnings: number;
}

function bucket(v: Decimal, edges: readonly number[]): number {
  let i = 0;
  while (i < edges.length && v.greaterThanOrEqualTo(edges[i] as number)) i++;
  return i;
}

describeEachBackend('dashboard', (dialect) => {
  const { db, people: p } = useSeededStore(dialect);
  let original: EvaluationRecord;
  const rows: Row[] = [];
  const units: { id: string; name: string }[] = [];
  beforeAll(async () => {
    original = (
      await createEvaluation(db(), p.fillerA, {
        document: projectDocument({ year: 2040, project: '原表' }),
      })
    ).evaluation;
    const at = new Date().toISOString();
    // 120 units whose names do not sort like their creation order
    for (let i = 0; i < 120; i++)
      units.push({ id: newId(), name: `统计单位${String((i * 37) % 120).padStart(3, '0')}` });
    await insertUnitsBulk(
      db(),
      units.map((u) => ({ ...u, kind: 'unit' as const, parentId: null, regionId: null, createdAt: at })),
    );
    const { unitName: _n, ...record } = original;
    const items: BulkEvaluation[] = [];
    for (let i = 0; i < 700; i++) {
      const u = units[(i * 7) % units.length] as { id: string; name: string };
      const row: Row = {
        unitId: u.id,
        unitName: u.name,
        status: STATUSES[i % STATUSES.length] as Status,
        grade: GRADES[i % GRADES.length] ?? null,
        total: TOTALS[i % TOTALS.length] ?? null,
        rate: RATES[(i * 3) % RATES.length] ?? null,
        errors: i % 3,
        warnings: i % 4,
      };
      rows.push(row);
      items.push({
        evaluation: {
          ...record,
          id: newId(),
          unitId: row.unitId,
          year: YEAR,
          project: `统计${i}`,
          status: row.status,
          grade: row.grade,
          total: row.total,
          rate: row.rate,
          errorCount: row.errors,
          warningCount: row.warnings,
        },
        documentJson: '{}',
        scoreJson: null,
        findings: [],
      });
    }
    await insertEvaluationsBulk(db(), items);
  }, 60_000);

  it('counts statuses, grades and both kinds of bucket exactly, values on the edges included', async () => {
    const d = await dashboard(db(), p.reviewer, { year: YEAR });
    expect(d.total).toBe(rows.length);
    for (const s of STATUSES) expect(d.byStatus[s], s).toBe(rows.filter((r) => r.status === s).length);
    const grades: Record<string, number> = {};
    for (const r of rows) grades[r.grade ?? '未定级'] = (grades[r.grade ?? '未定级'] ?? 0) + 1;
    expect(d.byGrade).toEqual(grades);
    const scores = [0, 0, 0, 0, 0];
    const rates = [0, 0, 0, 0, 0];
    const add = (counts: number[], i: number) => {
      counts[i] = (counts[i] ?? 0) + 1;
    };
    for (const r of rows) {
      if (r.total !== null) add(scores, bucket(dec(r.total), [60, 70, 80, 90]));
      if (r.rate !== null) add(rates, bucket(dec(r.rate).times(100), [60, 80, 90, 100]));
    }
    expect(d.scores.map((b) => b.count)).toEqual(scores);
    expect(d.executionRates.map((b) => b.count)).toEqual(rates);
    // the ulp cases really are split: 59.999…9 below 60, 90.000…01 at or above 90
    expect(scores[0]).toBeGreaterThan(rows.filter((r) => r.total === '59.99').length);
    expect(d.scores.map((b) => b.label)).toEqual(['<60分', '60分–70分', '70分–80分', '80分–90分', '≥90分']);
    expect(d.errors).toBe(rows.reduce((n, r) => n + r.errors, 0));
    expect(d.warnings).toBe(rows.reduce((n, r) => n + r.warnings, 0));
  });

  it('lists units a page at a time by name, each with exact figures', async () => {
    const names = [...new Set(rows.map((r) => r.unitName))].sort();
    const seen: string[] = [];
    for (let page = 1; page <= 3; page++) {
      const d = await dashboard(db(), p.reviewer, { year: YEAR, unitsPage: page, unitsPageSize: 50 });
      expect(d.unitsTotal).toBe(names.length);
      expect(d.unitsPage).toBe(page);
      seen.push(...d.units.map((u) => u.unitName));
      for (const u of d.units) {
        const mine = rows.filter((r) => r.unitId === u.unitId);
        const totals = mine.filter((r) => r.total !== null).map((r) => dec(r.total as string));
        expect(u.count).toBe(mine.length);
        expect(u.errors).toBe(mine.reduce((n, r) => n + r.errors, 0));
        expect(u.warnings).toBe(mine.reduce((n, r) => n + r.warnings, 0));
        expect(u.averageTotal).toBe(
          totals.length === 0
            ? null
            : roundNumber(totals.reduce((a, b) => a.plus(b)).dividedBy(totals.length), 2),
        );
        for (const s of STATUSES) expect(u.byStatus[s] ?? 0).toBe(mine.filter((r) => r.status === s).length);
      }
    }
    expect(seen).toEqual(names);
    const only = await dashboard(db(), p.reviewer, {
      year: YEAR,
      unitIds: [units[5]?.id as string, units[9]?.id as string],
    });
    expect(only.units.map((u) => u.unitId).sort()).toEqual([units[5]?.id, units[9]?.id].sort());
    // the other figures still count every unit
    expect(only.total).toBe(rows.length);
  });

  it('averages with decimals: 60.045 three times is 60.05, where doubles make 60.04', async () => {
    const unit = await createUnit(db(), p.admin, { name: `均分单位-${newId().slice(0, 4)}`, kind: 'unit' });
    const { unitName: _n, ...record } = original;
    await insertEvaluationsBulk(
      db(),
      ['60.045', '60.045', '60.045'].map((total, i) => ({
        evaluation: { ...record, id: newId(), unitId: unit.id, year: YEAR + 1, project: `均分${i}`, total },
        documentJson: '{}',
        scoreJson: null,
        findings: [],
      })),
    );
    expect(Math.round(((60.045 + 60.045 + 60.045) / 3) * 100) / 100).toBe(60.04);
    const d = await dashboard(db(), p.reviewer, { year: YEAR + 1 });
    expect(d.units).toMatchObject([{ unitId: unit.id, count: 3, averageTotal: 60.05 }]);
  });

  it("keeps a unit's people to their unit", async () => {
    const own = await dashboard(db(), p.fillerA, { year: 2040 });
    expect(own.total).toBe(1);
    expect(own.units.map((u) => u.unitId)).toEqual([p.unitA]);
    expect((await dashboard(db(), p.fillerB, { year: 2040 })).total).toBe(0);
  });

  it('keeps the answer until the next write, then answers anew', async () => {
    const first = JSON.parse(String(await dashboardJson(db(), p.reviewer, { year: 2040 })));
    expect(first.total).toBe(1);
    expect(String(await dashboardJson(db(), p.reviewer, { year: 2040 }))).toBe(JSON.stringify(first));
    await createEvaluation(db(), p.fillerB, { document: projectDocument({ year: 2040, project: '新表' }) });
    const after = JSON.parse(String(await dashboardJson(db(), p.reviewer, { year: 2040 })));
    expect(after.total).toBe(2);
    expect(after.unitsTotal).toBe(2);
    // each scope has its own answer
    expect(JSON.parse(String(await dashboardJson(db(), p.fillerA, { year: 2040 }))).total).toBe(1);
  });
});
