/**
 * The reviewer's overview of a year: counts by status and grade, how scores and execution
 * rates are spread, which rules fire most, and each unit's standing. Scoped like the list.
 */
import { type Decimal, dec, roundNumber } from '@jixiao/core';
import type { Actor } from '../domain.ts';
import { STATUSES, type Status } from '../domain.ts';
import { evaluationScope } from '../policies/evaluations.ts';
import { listForDashboard } from '../store/repos/evaluations.ts';
import { countFindingsByCode } from '../store/repos/findings.ts';
import type { Db } from '../store/schema.ts';

export interface Bucket {
  label: string;
  /** inclusive lower bound; null for the open bottom */
  min: number | null;
  /** exclusive upper bound; null for the open top */
  max: number | null;
  count: number;
}

export interface Dashboard {
  year: number | null;
  total: number;
  byStatus: Record<Status, number>;
  byGrade: Record<string, number>;
  scores: Bucket[];
  executionRates: Bucket[];
  findingsByRule: { code: string; severity: string; count: number }[];
  units: {
    unitId: string;
    unitName: string;
    count: number;
    byStatus: Partial<Record<Status, number>>;
    averageTotal: number | null;
    errors: number;
    warnings: number;
  }[];
}

const SCORE_EDGES = [60, 70, 80, 90];
// Execution rates as percentages; 100% and above is its own bucket (spent everything or more).
const RATE_EDGES = [60, 80, 90, 100];

function buckets(values: readonly Decimal[], edges: readonly number[], unit: string): Bucket[] {
  // One pass over the values: a value's bucket is how many of the (ascending) edges it reaches.
  const counts = edges.map(() => 0).concat(0);
  for (const v of values) {
    let i = 0;
    while (i < edges.length && v.greaterThanOrEqualTo(edges[i] as number)) i++;
    counts[i] = (counts[i] as number) + 1;
  }
  return counts.map((count, i) => {
    const min = i === 0 ? null : (edges[i - 1] ?? null);
    const max = i === edges.length ? null : (edges[i] ?? null);
    const label =
      min === null ? `<${max}${unit}` : max === null ? `≥${min}${unit}` : `${min}${unit}–${max}${unit}`;
    return { label, min, max, count };
  });
}

export async function dashboard(db: Db, actor: Actor | null, year: number | null): Promise<Dashboard> {
  const scope = evaluationScope(actor);
  const filter = { ...scope, ...(year === null ? {} : { year }) };
  const rows = await listForDashboard(db, filter);
  const byStatus = Object.fromEntries(STATUSES.map((s) => [s, 0])) as Record<Status, number>;
  const byGrade: Record<string, number> = {};
  const totals: Decimal[] = [];
  const rates: Decimal[] = [];
  const perUnit = new Map<string, Dashboard['units'][number] & { sum: Decimal; scored: number }>();
  for (const e of rows) {
    byStatus[e.status]++;
    const grade = e.grade ?? '未定级';
    byGrade[grade] = (byGrade[grade] ?? 0) + 1;
    const total = e.total === null ? null : dec(e.total);
    if (total !== null) totals.push(total);
    if (e.rate !== null) rates.push(dec(e.rate).times(100));
    const u = perUnit.get(e.unitId) ?? {
      unitId: e.unitId,
      unitName: e.unitName,
      count: 0,
      byStatus: {},
      averageTotal: null,
      errors: 0,
      warnings: 0,
      sum: dec(0),
      scored: 0,
    };
    u.count++;
    u.byStatus[e.status] = (u.byStatus[e.status] ?? 0) + 1;
    u.errors += e.errorCount;
    u.warnings += e.warningCount;
    if (total !== null) {
      u.sum = u.sum.plus(total);
      u.scored++;
    }
    perUnit.set(e.unitId, u);
  }
  return {
    year,
    total: rows.length,
    byStatus,
    byGrade,
    scores: buckets(totals, SCORE_EDGES, '分'),
    executionRates: buckets(rates, RATE_EDGES, '%'),
    findingsByRule: await countFindingsByCode(db, filter),
    units: [...perUnit.values()].map(({ sum, scored, ...u }) => ({
      ...u,
      averageTotal: scored === 0 ? null : roundNumber(sum.dividedBy(scored), 2),
    })),
  };
}
