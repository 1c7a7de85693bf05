/**
 * Saves and transitions racing on PostgreSQL (READ COMMITTED): a command reads the form, another
 * writer's change commits while the command waits for the row, and the command must then be
 * refused, not land on a form that is no longer what it read. SQLite takes the write lock when a
 * transaction begins, so there the two cannot interleave.
 */
import { sql } from 'kysely';
import { describe, expect, it } from 'vitest';
import { listEvents } from '../store/repos/audit.ts';
import { currentChanges } from '../store/repos/changes.ts';
import { findEvaluation } from '../store/repos/evaluations.ts';
import { listFindings } from '../store/repos/findings.ts';
import { listVersions } from '../store/repos/versions.ts';
import { BACKENDS } from '../testing/databases.ts';
import { projectDocument, useSeededStore } from '../testing/fixtures.ts';
import { refusal } from '../testing/refusal.ts';
import { createEvaluation } from './createEvaluation.ts';
import { saveEvaluation } from './saveEvaluation.ts';
import { submitEvaluation } from './submitEvaluation.ts';

describe.runIf(BACKENDS.includes('postgres'))('saves and transitions racing on postgres', () => {
  const { db, people: p } = useSeededStore('postgres');

  const draft = async (project: string) =>
    (await createEvaluation(db(), p.fillerA, { document: projectDocument({ project }) })).evaluation;

  /**
   * Makes `change` to the form's row on a connection of its own and holds it uncommitted while
   * `command` starts: the command reads the row as it was, then waits on it; the change then
   * commits. Returns the command's outcome (wrapped: awaiting would unwrap it).
   */
  async function racing(
    id: string,
    change: string,
    command: () => Promise<unknown>,
  ): Promise<{ outcome: Promise<unknown> }> {
    const waiting = async () =>
      (
        await sql<{ n: number }>`select count(*)::int as n from pg_stat_activity
          where datname = current_database() and wait_event_type = 'Lock' and query like 'update "evaluations"%'`.execute(
          db(),
        )
      ).rows[0]?.n ?? 0;
    let outcome: Promise<unknown> = Promise.resolve();
    await db()
      .connection()
      .execute(async (c) => {
        await sql`begin`.execute(c);
        await sql.raw(`update evaluations set ${change} where id = '${id}'`).execute(c);
        outcome = command();
        outcome.catch(() => {});
        const until = Date.now() + 20_000;
        while ((await waiting()) === 0) {
          if (Date.now() > until) throw new Error('the command never waited on the row');
          await new Promise((r) => setTimeout(r, 20));
        }
        await sql`commit`.execute(c);
      });
    return { outcome };
  }

  it('refuses a save when the form was submitted after the save read it', async () => {
    const e = await draft('并发提交测试');
    const changesBefore = await currentChanges(db());
    const save = await racing(e.id, "status = 'submitted'", () =>
      saveEvaluation(db(), p.fillerA, {
        id: e.id,
        expectedVersion: 1,
        document: projectDocument({ project: '并发提交测试', deviationAnalysis: '提交时正在保存' }),
      }),
    );
    const problem = await refusal(save.outcome);
    expect(problem).toMatchObject({ kind: 'conflict', code: 'status-changed' });
    expect(problem.message).toContain('状态刚刚被他人改变');
    expect(await findEvaluation(db(), e.id)).toMatchObject({ status: 'submitted', version: 1 });
    expect((await listVersions(db(), e.id)).map((v) => v.version)).toEqual([1]);
    // nothing of the refused save was written: its findings, its audit event, the counter
    expect(await listFindings(db(), e.id, 2)).toEqual([]);
    expect(await listEvents(db(), { evaluationId: e.id, action: 'evaluation.save' })).toEqual([]);
    expect(await currentChanges(db())).toBe(changesBefore);
  }, 60_000);

  it('refuses a submission when a new version was saved after the submission read the form', async () => {
    const e = await draft('并发保存测试');
    // the other writer moves the row on a version, as a save does
    const submit = await racing(e.id, 'current_version = current_version + 1', () =>
      submitEvaluation(db(), p.fillerA, { id: e.id }),
    );
    expect(await refusal(submit.outcome)).toMatchObject({ kind: 'conflict', code: 'status-changed' });
    expect(await findEvaluation(db(), e.id)).toMatchObject({ status: 'draft', version: 2 });
  }, 60_000);
});
