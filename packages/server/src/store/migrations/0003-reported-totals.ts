/**
 * The total the form reports and the one Jixiao computes, side by side on the evaluation row
 * and on each published snapshot, so lists can show both without reading the score JSON.
 * `total` keeps its meaning (computed, else reported). Existing rows are filled in from the
 * score stored with their version or snapshot.
 */
import type { Kysely } from 'kysely';
import type { MigrationContext } from '../dialect.ts';

interface Totals {
  reported: string | null;
  computed: string | null;
}

function totalsOf(score: unknown): Totals {
  const parsed = typeof score === 'string' ? (JSON.parse(score) as unknown) : score;
  const totals = (parsed as { totals?: { reported?: unknown; computed?: unknown } } | null)?.totals;
  const text = (v: unknown) => (typeof v === 'number' ? String(v) : null);
  return { reported: text(totals?.reported), computed: text(totals?.computed) };
}

// biome-ignore lint/suspicious/noExplicitAny: a migration runs against the schema as it was, not the current DB type
export async function up(db: Kysely<any>, _ctx: MigrationContext): Promise<void> {
  for (const table of ['evaluations', 'snapshots']) {
    await db.schema.alterTable(table).addColumn('total_reported', 'text').execute();
    await db.schema.alterTable(table).addColumn('total_computed', 'text').execute();
  }

  const current = await db
    .selectFrom('evaluations as e')
    .innerJoin('evaluation_versions as v', (j) =>
      j.onRef('v.evaluation_id', '=', 'e.id').onRef('v.version', '=', 'e.current_version'),
    )
    .select(['e.id', 'v.score'])
    .where('v.score', 'is not', null)
    .execute();
  for (const row of current) {
    const t = totalsOf(row.score);
    await db
      .updateTable('evaluations')
      .set({ total_reported: t.reported, total_computed: t.computed })
      .where('id', '=', row.id)
      .execute();
  }

  const snapshots = await db
    .selectFrom('snapshots')
    .select(['id', 'score'])
    .where('score', 'is not', null)
    .execute();
  for (const row of snapshots) {
    const t = totalsOf(row.score);
    await db
      .updateTable('snapshots')
      .set({ total_reported: t.reported, total_computed: t.computed })
      .where('id', '=', row.id)
      .execute();
  }
}

// biome-ignore lint/suspicious/noExplicitAny: see up()
export async function down(db: Kysely<any>): Promise<void> {
  for (const table of ['evaluations', 'snapshots']) {
    await db.schema.alterTable(table).dropColumn('total_computed').execute();
    await db.schema.alterTable(table).dropColumn('total_reported').execute();
  }
}
