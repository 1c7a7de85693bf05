/**
 * The scatter of a year's self-evaluations (total against execution rate), one compact row a
 * form: the stats page read it through the list 200 forms at a time, which at province scale
 * was a hundred requests each sorting the year. Scoped like the list and the dashboard; kept
 * until the next write, like the dashboard (queries/cache.ts).
 */
import type { Actor } from '../domain.ts';
import { evaluationScope } from '../policies/evaluations.ts';
import { dashboardPoints } from '../store/repos/dashboard.ts';
import type { Db } from '../store/schema.ts';
import { jsonCache, keptUntilNextWrite } from './cache.ts';

/** One form: id, unit name, project (null for a department form), total, execution rate, grade. */
export type Point = [
  id: string,
  unitName: string,
  project: string | null,
  total: number,
  rate: number,
  grade: string | null,
];

export interface Points {
  year: number | null;
  /** forms counted: placed ones and unplaced ones */
  count: number;
  /** forms without a total or an execution rate, not in `points` */
  unplaced: number;
  /** in the list's order: unit name, project, id */
  points: Point[];
}

export async function points(db: Db, actor: Actor | null, year: number | null): Promise<Points> {
  const { points: rows, unplaced } = await dashboardPoints(db, {
    ...evaluationScope(actor),
    ...(year === null ? {} : { year }),
  });
  return {
    year,
    count: rows.length + unplaced,
    unplaced,
    // numbers as the list makes them (http/views.ts: Number of the decimal text)
    points: rows.map((r) => [r.id, r.unitName, r.project, Number(r.total), Number(r.rate), r.grade]),
  };
}

// a province's year is 20,000 forms at about 130 bytes each: 2.6 MB an answer
const kept = jsonCache(32 * 1024 * 1024);

/** The points as JSON (UTF-8), computed again only after a write. */
export async function pointsJson(db: Db, actor: Actor | null, year: number | null): Promise<Buffer> {
  const key = JSON.stringify({ scope: evaluationScope(actor).unitIds ?? null, year });
  return keptUntilNextWrite(kept, db, key, async () => JSON.stringify(await points(db, actor, year)));
}
