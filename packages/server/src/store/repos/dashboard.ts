/**
 * The dashboard's aggregates, computed by the database: a year of a province is tens of
 * thousands of evaluations, and reading one row per evaluation into the process cost most of a
 * second per request (docs/benchmarks.md). Each query here reads the summary columns of the
 * filtered rows once and answers with a handful of groups.
 *
 * Totals and rates are decimal text. The buckets compare them as doubles in SQL, which is exact
 * except where a value's double equals an edge's double (`90`, `90.00`, or a value within an
 * ulp of 90): rounding to the nearest double never reorders values, so a double strictly above
 * or below an edge's double is a decimal above or below that edge. Those ties come back as
 * bucket -1 and are placed with decimal arithmetic by the caller (dashboardTies).
 */
import { type Expression, type SqlBool, sql } from 'kysely';
import type { Status } from '../../domain.ts';
import type { Db } from '../schema.ts';

/** Which self-evaluations the dashboard counts: scoped like the list, one year or all. */
export interface DashboardFilter {
  unitIds?: readonly string[];
  year?: number;
}

export interface BucketEdges {
  /** ascending edges of the score buckets (分) */
  scores: readonly number[];
  /** ascending edges of the execution-rate buckets, as fractions (0.6 for 60%) */
  rates: readonly number[];
}

/** One group of the year: how many forms share a status, grade and both buckets. */
export interface DashboardGroup {
  status: Status;
  grade: string | null;
  /** how many score edges the total reaches; null without a total; -1 on an edge (a tie) */
  scoreBucket: number | null;
  rateBucket: number | null;
  count: number;
  errors: number;
  warnings: number;
}

export interface UnitStanding {
  unitId: string;
  unitName: string;
  count: number;
  byStatus: Partial<Record<Status, number>>;
  errors: number;
  warnings: number;
}

function empty(filter: DashboardFilter): boolean {
  return filter.unitIds !== undefined && filter.unitIds.length === 0;
}

function base(db: Db, filter: DashboardFilter) {
  let q = db.selectFrom('evaluations as e').where('e.stage', '=', 'self-evaluation');
  if (filter.unitIds) q = q.where('e.unit_id', 'in', filter.unitIds);
  if (filter.year !== undefined) q = q.where('e.year', '=', filter.year);
  return q;
}

/** `CAST(column AS DOUBLE PRECISION)`: a type name both SQLite (REAL affinity) and PostgreSQL know. */
function asDouble(column: 'e.total' | 'e.rate') {
  return sql<number>`cast(${sql.ref(column)} as double precision)`;
}

/** The bucket index: how many of the ascending edges the value reaches; -1 on an edge; null for null. */
function bucketOf(column: 'e.total' | 'e.rate', edges: readonly number[]) {
  const v = asDouble(column);
  const ties = sql.join(edges.map((e) => sql.val(e)));
  const steps = [...edges].map((e, i) => sql`when ${v} >= ${sql.val(e)} then ${sql.lit(i + 1)}`).reverse();
  return sql<
    number | null
  >`case when ${sql.ref(column)} is null then null when ${v} in (${ties}) then -1 ${sql.join(steps, sql` `)} else 0 end`;
}

const num = (v: unknown): number => Number(v ?? 0);

/** Counts by status, grade and bucket, with the errors and warnings of each group. */
export async function dashboardGroups(
  db: Db,
  filter: DashboardFilter,
  edges: BucketEdges,
): Promise<DashboardGroup[]> {
  if (empty(filter)) return [];
  const rows = await base(db, filter)
    .select((eb) => [
      'e.status',
      'e.grade',
      bucketOf('e.total', edges.scores).as('sb'),
      bucketOf('e.rate', edges.rates).as('rb'),
      eb.fn.countAll<number>().as('n'),
      eb.fn.sum<number>('e.error_count').as('errors'),
      eb.fn.sum<number>('e.warning_count').as('warnings'),
    ])
    .groupBy(['e.status', 'e.grade', 'sb', 'rb'])
    .execute();
  return rows.map((r) => ({
    status: r.status,
    grade: r.grade,
    scoreBucket: r.sb === null ? null : num(r.sb),
    rateBucket: r.rb === null ? null : num(r.rb),
    count: num(r.n),
    errors: num(r.errors),
    warnings: num(r.warnings),
  }));
}

/** The totals and rates whose doubles sit exactly on an edge, to be placed with decimals. */
export async function dashboardTies(
  db: Db,
  filter: DashboardFilter,
  edges: BucketEdges,
): Promise<{ totals: string[]; rates: string[] }> {
  if (empty(filter)) return { totals: [], rates: [] };
  const onEdge = (column: 'e.total' | 'e.rate', list: readonly number[]): Expression<SqlBool> =>
    sql<SqlBool>`${asDouble(column)} in (${sql.join(list.map((e) => sql.val(e)))})`;
  const rows = await base(db, filter)
    .select(['e.total', 'e.rate'])
    .where((eb) => eb.or([onEdge('e.total', edges.scores), onEdge('e.rate', edges.rates)]))
    .execute();
  const on = (text: string | null, list: readonly number[]) => text !== null && list.includes(Number(text));
  return {
    totals: rows.filter((r) => on(r.total, edges.scores)).map((r) => r.total as string),
    rates: rows.filter((r) => on(r.rate, edges.rates)).map((r) => r.rate as string),
  };
}

/** How many units have at least one counted form. */
export async function countDashboardUnits(db: Db, filter: DashboardFilter): Promise<number> {
  if (empty(filter)) return 0;
  const r = await base(db, filter)
    .select((eb) => eb.fn.count<number>('e.unit_id').distinct().as('n'))
    .executeTakeFirst();
  return num(r?.n);
}

/**
 * One page of units by name (then id, so pages never overlap), each with its counts; `only`
 * narrows the page to the given units (to compare the units shown with another year).
 */
export async function unitStandings(
  db: Db,
  filter: DashboardFilter,
  page: { limit: number; offset: number; only?: readonly string[] },
  statuses: readonly Status[],
): Promise<UnitStanding[]> {
  if (empty(filter) || page.only?.length === 0) return [];
  let q = base(db, filter).select((eb) => [
    'e.unit_id',
    'e.unit_name',
    eb.fn.countAll<number>().as('n'),
    eb.fn.sum<number>('e.error_count').as('errors'),
    eb.fn.sum<number>('e.warning_count').as('warnings'),
    ...statuses.map((s) =>
      eb.fn.sum<number>(eb.case().when('e.status', '=', s).then(1).else(0).end()).as(`s_${s}`),
    ),
  ]);
  if (page.only) q = q.where('e.unit_id', 'in', page.only);
  const rows = (await q
    .groupBy(['e.unit_id', 'e.unit_name'])
    .orderBy('e.unit_name')
    .orderBy('e.unit_id')
    .limit(page.limit)
    .offset(page.offset)
    .execute()) as unknown as Record<string, unknown>[];
  return rows.map((r) => {
    const byStatus: Partial<Record<Status, number>> = {};
    for (const s of statuses) {
      const n = num(r[`s_${s}`]);
      if (n > 0) byStatus[s] = n;
    }
    return {
      unitId: r.unit_id as string,
      unitName: r.unit_name as string,
      count: num(r.n),
      byStatus,
      errors: num(r.errors),
      warnings: num(r.warnings),
    };
  });
}

/** The totals of the given units' counted forms (for exact averages of one page of units). */
export async function unitTotals(
  db: Db,
  filter: DashboardFilter,
  unitIds: readonly string[],
): Promise<{ unitId: string; total: string }[]> {
  if (empty(filter) || unitIds.length === 0) return [];
  const rows = await base(db, filter)
    .select(['e.unit_id', 'e.total'])
    .where('e.unit_id', 'in', unitIds)
    .where('e.total', 'is not', null)
    .execute();
  return rows.map((r) => ({ unitId: r.unit_id, total: r.total as string }));
}

/** One placed form of the scatter: its decimals as text, as stored. */
export interface PointRow {
  id: string;
  unitName: string;
  project: string | null;
  total: string;
  rate: string;
  grade: string | null;
}

/**
 * Each counted form with both a total and a rate, in the list's order (year, unit name,
 * project, id), reading only the columns the scatter shows; with how many forms lack either.
 */
export async function dashboardPoints(
  db: Db,
  filter: DashboardFilter,
): Promise<{ points: PointRow[]; unplaced: number }> {
  if (empty(filter)) return { points: [], unplaced: 0 };
  const [rows, missing] = await Promise.all([
    base(db, filter)
      .select(['e.id', 'e.unit_name', 'e.project', 'e.total', 'e.rate', 'e.grade'])
      .where('e.total', 'is not', null)
      .where('e.rate', 'is not', null)
      .orderBy('e.year', 'desc')
      .orderBy('e.unit_name')
      .orderBy('e.project')
      .orderBy('e.id')
      .execute(),
    base(db, filter)
      .select((eb) => eb.fn.countAll<number>().as('n'))
      .where((eb) => eb.or([eb('e.total', 'is', null), eb('e.rate', 'is', null)]))
      .executeTakeFirst(),
  ]);
  return {
    points: rows.map((r) => ({
      id: r.id,
      unitName: r.unit_name,
      project: r.project,
      total: r.total as string,
      rate: r.rate as string,
      grade: r.grade,
    })),
    unplaced: num(missing?.n),
  };
}
