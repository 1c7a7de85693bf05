/**
 * Queries of a fixed shape built and compiled once per database, then run with new
 * parameters. Kysely builds and compiles a query on every call; for the lookups every request
 * makes (its session and user, the form it names) that was a large part of answering a kept
 * form (bench/profiling.md). Only for queries whose parameters are exactly the values given, in
 * the order given: `build` receives placeholders and must use each once, in that order. A value
 * may be anything the driver takes (an array, for PostgreSQL's `unnest`); the placeholders are
 * strings only to mark the places.
 */
import { createHash } from 'node:crypto';
import type { Compilable, CompiledQuery } from 'kysely';
import type pg from 'pg';
import type { Db } from './schema.ts';

// Kept per dialect adapter, not per Db: a transaction is a Db of its own but shares its
// database's adapter, and a save's queries run in a new transaction each time.
const compiled = new WeakMap<object, Map<string, CompiledQuery>>();

export async function runCompiled<R>(
  db: Db,
  name: string,
  build: (db: Db, ...placeholders: string[]) => Compilable<R>,
  parameters: readonly unknown[],
): Promise<R[]> {
  const adapter = db.getExecutor().adapter;
  let byName = compiled.get(adapter);
  if (!byName) {
    byName = new Map();
    compiled.set(adapter, byName);
  }
  let query = byName.get(name);
  if (!query) {
    const marks = parameters.map((_, i) => `\u0000${name}:${i}`);
    query = build(db, ...marks).compile();
    // the placeholders must come back as the parameters, in order, or the shape is not fixed
    if (query.parameters.length !== marks.length || query.parameters.some((p, i) => p !== marks[i]))
      throw new Error(`compiled query ${name}: its parameters are not the placeholders in order`);
    byName.set(name, query);
    preparedNames.set(query.sql, `jx_${createHash('sha256').update(query.sql).digest('hex').slice(0, 24)}`);
  }
  const result = await db.executeQuery<R>({ ...query, parameters });
  return result.rows;
}

/** The SQL text of each compiled query, and the name it is prepared under on PostgreSQL. */
const preparedNames = new Map<string, string>();

/** PostgreSQL's "cached plan must not change result type": a table changed under a prepared statement. */
const PLAN_CHANGED = '0A000';

type QueryText = (text: string, values?: unknown[]) => Promise<pg.QueryResult>;
type QueryConfig = (config: pg.QueryConfig) => Promise<pg.QueryResult>;

/**
 * Makes a pooled connection run the compiled queries (and only those: their number is fixed, so
 * the statements each connection keeps stay few) as named prepared statements. Kysely sends
 * every query as text and values; the text tells which are compiled. A statement prepared
 * before its table changed shape (a migration by another server) fails once with PLAN_CHANGED;
 * the connection then prepares it again under a new name.
 */
export function usePreparedStatements(client: pg.PoolClient): void {
  const plain = client.query.bind(client) as unknown as QueryText & QueryConfig;
  let generation = 0;
  const query = async (text: unknown, values?: unknown, ...rest: unknown[]) => {
    const name = typeof text === 'string' && rest.length === 0 ? preparedNames.get(text) : undefined;
    if (name === undefined || !(Array.isArray(values) || values === undefined))
      return (plain as unknown as (...a: unknown[]) => Promise<pg.QueryResult>)(text, values, ...rest);
    const run = () =>
      plain({ name: generation === 0 ? name : `${name}_${generation}`, text: text as string, values });
    try {
      return await run();
    } catch (e) {
      if ((e as { code?: string }).code !== PLAN_CHANGED) throw e;
      generation++;
      return run();
    }
  };
  client.query = query as unknown as typeof client.query;
}
