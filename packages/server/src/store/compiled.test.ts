/**
 * A compiled lookup runs with new parameters on both databases, and a query whose parameters are
 * not its placeholders in order is refused rather than run with values in the wrong places.
 */
import { sql } from 'kysely';
import { expect, it } from 'vitest';
import { describeEachBackend } from '../testing/databases.ts';
import { useSeededStore } from '../testing/fixtures.ts';
import { runCompiled } from './compiled.ts';

describeEachBackend('compiled lookups', (dialect) => {
  const { db, people: p } = useSeededStore(dialect);

  it('answers each call with its own parameters', async () => {
    const byId = (id: string) =>
      runCompiled(db(), 'test-user', (d, x) => d.selectFrom('users').select('username').where('id', '=', x), [
        id,
      ]);
    expect((await byId(p.fillerA.id)).map((r) => r.username)).toEqual([p.fillerA.username]);
    expect((await byId(p.reviewer.id)).map((r) => r.username)).toEqual([p.reviewer.username]);
    expect(await byId('no-such-user')).toEqual([]);
  });

  it('refuses a query that does not use its placeholders exactly, in order', async () => {
    await expect(
      runCompiled(
        db(),
        'test-swapped',
        (d, a, b) => d.selectFrom('users').select('id').where('username', '=', b).where('id', '=', a),
        ['x', 'y'],
      ),
    ).rejects.toThrow(/not the placeholders in order/);
    await expect(
      runCompiled(
        db(),
        'test-constant',
        (d, a) => d.selectFrom('users').select('id').where('role', '=', 'admin').where('id', '=', a),
        ['x'],
      ),
    ).rejects.toThrow(/not the placeholders in order/);
  });

  it.runIf(dialect === 'postgres')(
    'runs as a prepared statement on PostgreSQL, and again after its table changed shape',
    async () => {
      const connection = db().connection();
      await connection.execute(async (c) => {
        await sql`create temporary table plan_test (id text primary key, a text)`.execute(c);
        await sql`insert into plan_test values ('1', 'x')`.execute(c);
        const byId = (id: string) =>
          runCompiled(
            c,
            'test-plan',
            (d, x) => ({
              compile: () => sql<Record<string, string>>`select * from plan_test where id = ${x}`.compile(d),
            }),
            [id],
          );
        expect(await byId('1')).toEqual([{ id: '1', a: 'x' }]);
        const prepared = await sql<{
          statement: string;
        }>`select statement from pg_prepared_statements`.execute(c);
        expect(prepared.rows.map((r) => r.statement)).toContain('select * from plan_test where id = $1');
        // another server's migration adds a column: the statement's result type changed
        await sql`alter table plan_test add column b text default 'y'`.execute(c);
        expect(await byId('1')).toEqual([{ id: '1', a: 'x', b: 'y' }]);
        await sql`drop table plan_test`.execute(c);
      });
    },
  );
});
