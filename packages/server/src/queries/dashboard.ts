/**
 * The reviewer's overview of a year: counts by status and grade, how scores and execution
 * rates are spread, which rules fire most, and each unit's standing, one page of units at a
 * time. Scoped like the list. The database aggregates (store/repos/dashboard.ts); the answer
 * is kept until the next write (queries/cache.ts).
 */
import { type Decimal, dec, roundNumber } from '@jixiao/core';
import type { Actor } from '../domain.ts';
import { STATUSES, type Status } from '../domain.ts';
import { evaluationScope } from '../policies/evaluations.ts';
import {
  type BucketEdges,
  countDashboardUnits,
  type DashboardFilter,
  dashboardGroups,
  dashboardTies,
  unitStandings,
  unitTotals,
} from '../store/repos/dashboard.ts';
import { countFindingsByCode } from '../store/repos/findings.ts';
import type { Db } from '../store/schema.ts';
import { jsonCache, keptUntilNextWrite } from './cache.ts';

export interface Bucket {
  label: string;
  /** inclusive lower bound; null for the open bottom */
  min: number | null;
  /** exclusive upper bound; null for the open top */
  max: number | null;
  count: number;
}

export interface UnitRow {
  unitId: string;
  unitName: string;
  count: number;
  byStatus: Partial<Record<Status, number>>;
  averageTotal: number | null;
  errors: number;
  warnings: number;
}

export interface Dashboard {
  year: number | null;
  total: number;
  byStatus: Record<Status, number>;
  byGrade: Record<string, number>;
  scores: Bucket[];
  executionRates: Bucket[];
  findingsByRule: { code: string; severity: string; count: number }[];
  /** errors and warnings of every counted form */
  errors: number;
  warnings: number;
  /** how many units have counted forms; `units` is one page of them, by name */
  unitsTotal: number;
  unitsPage: number;
  unitsPageSize: number;
  units: UnitRow[];
}

export interface DashboardOptions {
  year: number | null;
  /** the page of units, from 1 */
  unitsPage?: number;
  unitsPageSize?: number;
  /** only these units in `units` (the other figures still count every unit in scope) */
  unitIds?: readonly string[];
}

export const UNITS_PAGE_SIZE = 50;
export const UNITS_PAGE_SIZE_MAX = 500;

const SCORE_EDGES = [60, 70, 80, 90];
// Execution rates as percentages; 100% and above is its own bucket (spent everything or more).
const RATE_EDGES = [60, 80, 90, 100];
const EDGES: BucketEdges = { scores: SCORE_EDGES, rates: RATE_EDGES.map((e) => e / 100) };

function bucketLabels(counts: readonly number[], edges: readonly number[], unit: string): Bucket[] {
  return counts.map((count, i) => {
    const min = i === 0 ? null : (edges[i - 1] ?? null);
    const max = i === edges.length ? null : (edges[i] ?? null);
    const label =
      min === null ? `<${max}${unit}` : max === null ? `≥${min}${unit}` : `${min}${unit}–${max}${unit}`;
    return { label, min, max, count };
  });
}

/** The bucket of an exact value: how many of the ascending edges it reaches. */
function exactBucket(v: Decimal, edges: readonly number[]): number {
  let i = 0;
  while (i < edges.length && v.greaterThanOrEqualTo(edges[i] as number)) i++;
  return i;
}

export async function dashboard(db: Db, actor: Actor | null, options: DashboardOptions): Promise<Dashboard> {
  const filter: DashboardFilter = {
    ...evaluationScope(actor),
    ...(options.year === null ? {} : { year: options.year }),
  };
  const pageSize = Math.min(options.unitsPageSize ?? UNITS_PAGE_SIZE, UNITS_PAGE_SIZE_MAX);
  const page = Math.max(1, options.unitsPage ?? 1);
  const groups = await dashboardGroups(db, filter, EDGES);

  const byStatus = Object.fromEntries(STATUSES.map((s) => [s, 0])) as Record<Status, number>;
  const byGrade: Record<string, number> = {};
  const scores = SCORE_EDGES.map(() => 0).concat(0);
  const rates = RATE_EDGES.map(() => 0).concat(0);
  let total = 0;
  let errors = 0;
  let warnings = 0;
  let ties = false;
  for (const g of groups) {
    total += g.count;
    errors += g.errors;
    warnings += g.warnings;
    byStatus[g.status] += g.count;
    const grade = g.grade ?? '未定级';
    byGrade[grade] = (byGrade[grade] ?? 0) + g.count;
    if (g.scoreBucket !== null && g.scoreBucket >= 0)
      scores[g.scoreBucket] = (scores[g.scoreBucket] ?? 0) + g.count;
    if (g.rateBucket !== null && g.rateBucket >= 0)
      rates[g.rateBucket] = (rates[g.rateBucket] ?? 0) + g.count;
    if (g.scoreBucket === -1 || g.rateBucket === -1) ties = true;
  }
  if (ties) {
    // values whose doubles sit on an edge, placed exactly (see store/repos/dashboard.ts)
    const tied = await dashboardTies(db, filter, EDGES);
    for (const t of tied.totals) {
      const i = exactBucket(dec(t), SCORE_EDGES);
      scores[i] = (scores[i] ?? 0) + 1;
    }
    for (const r of tied.rates) {
      const i = exactBucket(dec(r).times(100), RATE_EDGES);
      rates[i] = (rates[i] ?? 0) + 1;
    }
  }

  const standings = await unitStandings(
    db,
    filter,
    { limit: pageSize, offset: (page - 1) * pageSize, ...(options.unitIds ? { only: options.unitIds } : {}) },
    STATUSES,
  );
  // averages of the page's units with decimals: a double sum could round a half the wrong way
  const sums = new Map<string, { sum: Decimal; n: number }>();
  for (const t of await unitTotals(
    db,
    filter,
    standings.map((u) => u.unitId),
  )) {
    const s = sums.get(t.unitId) ?? { sum: dec(0), n: 0 };
    s.sum = s.sum.plus(dec(t.total));
    s.n++;
    sums.set(t.unitId, s);
  }
  return {
    year: options.year,
    total,
    byStatus,
    byGrade,
    scores: bucketLabels(scores, SCORE_EDGES, '分'),
    executionRates: bucketLabels(rates, RATE_EDGES, '%'),
    findingsByRule: await countFindingsByCode(db, filter),
    errors,
    warnings,
    unitsTotal: await countDashboardUnits(db, filter),
    unitsPage: page,
    unitsPageSize: pageSize,
    units: standings.map((u) => {
      const s = sums.get(u.unitId);
      return { ...u, averageTotal: s ? roundNumber(s.sum.dividedBy(s.n), 2) : null };
    }),
  };
}

// an answer is a few kilobytes (one page of units)
const kept = jsonCache(8 * 1024 * 1024);

/** The dashboard as JSON (UTF-8), computed again only after a write. */
export async function dashboardJson(db: Db, actor: Actor | null, options: DashboardOptions): Promise<Buffer> {
  const scope = evaluationScope(actor);
  const key = JSON.stringify({
    scope: scope.unitIds ?? null,
    year: options.year,
    page: options.unitsPage ?? 1,
    size: options.unitsPageSize ?? UNITS_PAGE_SIZE,
    only: options.unitIds ?? null,
  });
  return keptUntilNextWrite(kept, db, key, async () => JSON.stringify(await dashboard(db, actor, options)));
}
