/**
 * Queries of a fixed shape built and compiled once per database, then run with new
 * parameters. Kysely builds and compiles a query on every call; for the lookups every request
 * makes (its session and user, the form it names) that was a large part of answering a kept
 * form (bench/profiling.md). Only for queries whose parameters are exactly the values given, in
 * the order given: `build` receives placeholders and must use each once, in that order.
 */
import type { Compilable, CompiledQuery } from 'kysely';
import type { Db } from './schema.ts';

const compiled = new WeakMap<Db, Map<string, CompiledQuery>>();

export async function runCompiled<R>(
  db: Db,
  name: string,
  build: (db: Db, ...placeholders: string[]) => Compilable<R>,
  parameters: readonly string[],
): Promise<R[]> {
  let byName = compiled.get(db);
  if (!byName) {
    byName = new Map();
    compiled.set(db, byName);
  }
  let query = byName.get(name);
  if (!query) {
    const marks = parameters.map((_, i) => `\u0000${name}:${i}`);
    query = build(db, ...marks).compile();
    // the placeholders must come back as the parameters, in order, or the shape is not fixed
    if (query.parameters.length !== marks.length || query.parameters.some((p, i) => p !== marks[i]))
      throw new Error(`compiled query ${name}: its parameters are not the placeholders in order`);
    byName.set(name, query);
  }
  const result = await db.executeQuery<R>({ ...query, parameters: parameters as unknown[] });
  return result.rows;
}
