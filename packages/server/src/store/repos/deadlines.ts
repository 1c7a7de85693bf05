import type { Stage } from '../../domain.ts';
import type { Db, DeadlinesTable } from '../schema.ts';

export interface Deadline {
  year: number;
  stage: Stage;
  /** YYYY-MM-DD */
  due: string;
  note: string | null;
  updatedBy: string;
  updatedAt: string;
}

function toDeadline(row: DeadlinesTable): Deadline {
  return {
    year: Number(row.year),
    stage: row.stage,
    due: row.due,
    note: row.note,
    updatedBy: row.updated_by,
    updatedAt: row.updated_at,
  };
}

export async function findDeadline(db: Db, year: number, stage: Stage): Promise<Deadline | undefined> {
  const row = await db
    .selectFrom('deadlines')
    .selectAll()
    .where('year', '=', year)
    .where('stage', '=', stage)
    .executeTakeFirst();
  return row && toDeadline(row);
}

/** The deadlines of a year, or of every year when `year` is null, earliest first. */
export async function listDeadlines(db: Db, year: number | null): Promise<Deadline[]> {
  let q = db.selectFrom('deadlines').selectAll();
  if (year !== null) q = q.where('year', '=', year);
  const rows = await q.orderBy('due').orderBy('stage').execute();
  return rows.map(toDeadline);
}

/** Inserts or replaces the deadline of (year, stage). */
export async function upsertDeadline(db: Db, d: Deadline): Promise<void> {
  await db
    .insertInto('deadlines')
    .values({
      id: `${d.year}/${d.stage}`,
      year: d.year,
      stage: d.stage,
      due: d.due,
      note: d.note,
      updated_by: d.updatedBy,
      updated_at: d.updatedAt,
    })
    .onConflict((oc) =>
      oc.columns(['year', 'stage']).doUpdateSet({
        due: d.due,
        note: d.note,
        updated_by: d.updatedBy,
        updated_at: d.updatedAt,
      }),
    )
    .execute();
}
