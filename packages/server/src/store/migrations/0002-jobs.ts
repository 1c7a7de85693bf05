/**
 * Background jobs kept in the database, leased so that several server processes can share
 * them, and the servers themselves (each says it is alive, so that a restore can refuse to
 * replace data under a running service).
 */
import type { Kysely } from 'kysely';
import type { MigrationContext } from '../dialect.ts';

// biome-ignore lint/suspicious/noExplicitAny: a migration runs against the schema as it was, not the current DB type
export async function up(db: Kysely<any>, { types: t }: MigrationContext): Promise<void> {
  await db.schema
    .createTable('jobs')
    .addColumn('id', 'text', (c) => c.primaryKey())
    .addColumn('kind', 'text', (c) => c.notNull())
    .addColumn('payload', t.json)
    .addColumn('run_at', t.timestamp, (c) => c.notNull())
    .addColumn('every_ms', 'integer')
    .addColumn('status', 'text', (c) => c.notNull())
    .addColumn('attempts', 'integer', (c) => c.notNull().defaultTo(0))
    .addColumn('locked_by', 'text')
    .addColumn('locked_until', t.timestamp)
    .addColumn('last_started_at', t.timestamp)
    .addColumn('last_finished_at', t.timestamp)
    .addColumn('last_error', 'text')
    .addColumn('last_result', t.json)
    .addColumn('created_at', t.timestamp, (c) => c.notNull())
    .execute();
  await db.schema.createIndex('jobs_due').on('jobs').columns(['status', 'run_at']).execute();

  await db.schema
    .createTable('servers')
    .addColumn('id', 'text', (c) => c.primaryKey())
    .addColumn('host', 'text', (c) => c.notNull())
    .addColumn('pid', 'integer', (c) => c.notNull())
    .addColumn('started_at', t.timestamp, (c) => c.notNull())
    .addColumn('seen_at', t.timestamp, (c) => c.notNull())
    .addColumn('alive_until', t.timestamp, (c) => c.notNull())
    .execute();

  // The purges look rows up by these.
  await db.schema.createIndex('sessions_expires').on('sessions').column('expires_at').execute();
  await db.schema.createIndex('rate_limits_window').on('rate_limits').column('window_start').execute();
}

// biome-ignore lint/suspicious/noExplicitAny: see up()
export async function down(db: Kysely<any>): Promise<void> {
  await db.schema.dropIndex('rate_limits_window').execute();
  await db.schema.dropIndex('sessions_expires').execute();
  await db.schema.dropTable('servers').execute();
  await db.schema.dropTable('jobs').execute();
}
