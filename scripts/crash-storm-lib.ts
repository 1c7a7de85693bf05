/**
 * The crash storm behind scripts/crash-storm.ts and its CI test: a real server process on a
 * SQLite file is killed with SIGKILL in the middle of a storm of writes (saves of forms and
 * comments from several clients at once), then started again, round after round. After every
 * kill the file must pass `PRAGMA integrity_check`, and every write the server had answered
 * 2xx must be in it: the version with the content it was saved with, the comment.
 */
import Database from 'better-sqlite3';
import { createEvaluation } from '../packages/server/src/commands/createEvaluation.ts';
import { type ApiClient, apiClient } from '../packages/server/src/testing/client.ts';
import { createTestDatabase, type TestDatabase } from '../packages/server/src/testing/databases.ts';
import { projectDocument, seedPeople, TEST_PASSWORD } from '../packages/server/src/testing/fixtures.ts';
import { type ServerProcess, startServerProcess } from '../packages/server/src/testing/server-process.ts';

export interface StormOptions {
  rounds: number;
  /** concurrent writing clients */
  clients?: number;
  /** the kill comes once this many writes were answered in the round (default 3) … */
  minAcks?: number;
  /** … and then at a random moment between these (ms) */
  killAfterMs?: [number, number];
  log?: (line: string) => void;
}

export interface StormResult {
  rounds: number;
  /** writes answered 2xx, in all */
  acknowledged: number;
  /** of those, missing after a crash */
  lost: string[];
  /** rounds whose integrity check did not say ok */
  corrupt: string[];
  /** requests cut off by the kill (no answer): allowed either way */
  cutOff: number;
  /** answers other than 2xx and 409 while the server was up */
  unexpected: string[];
}

interface Ack {
  kind: 'save' | 'comment';
  evaluationId: string;
  /** save: the version; comment: the comment id */
  key: string;
  /** save: the project name it was saved with */
  mark: string;
}

/** A start can time out on a loaded machine; that is no finding of this script, so try again. */
async function startServer(database: TestDatabase): Promise<ServerProcess> {
  for (let attempt = 1; ; attempt++) {
    try {
      return await startServerProcess(database);
    } catch (e) {
      if (attempt >= 3) throw e;
    }
  }
}

export async function crashStorm(options: StormOptions): Promise<StormResult> {
  const clientsN = options.clients ?? 6;
  const [minKill, maxKill] = options.killAfterMs ?? [0, 800];
  const minAcks = options.minAcks ?? 3;
  const log = options.log ?? (() => {});
  const database = await createTestDatabase('sqlite');
  const result: StormResult = {
    rounds: 0,
    acknowledged: 0,
    lost: [],
    corrupt: [],
    cutOff: 0,
    unexpected: [],
  };
  const evaluations: string[] = [];
  let cookie = '';
  let csrf = '';
  try {
    const store = await database.open();
    try {
      const people = await seedPeople(store.db, 'crash');
      for (let i = 0; i < clientsN; i++) {
        const c = await createEvaluation(store.db, people.fillerA, {
          document: projectDocument({ project: `崩溃测试-${i}-起始` }),
        });
        evaluations.push(c.evaluation.id);
      }
      // Sessions live in the database, so one sign-in outlives every restart.
      const server = await startServer(database);
      try {
        const c = apiClient(server.url);
        const r = await c.login(people.fillerA.username, TEST_PASSWORD);
        if (r.status !== 200) throw new Error(`sign-in failed: ${r.text}`);
        cookie = c.cookie ?? '';
        csrf = c.csrf ?? '';
      } finally {
        await server.stop();
      }
    } finally {
      await store.close();
    }

    const acks: Ack[] = [];
    for (let round = 1; round <= options.rounds; round++) {
      const server = await startServer(database);
      const clients: ApiClient[] = evaluations.map(() => {
        const c = apiClient(server.url);
        c.cookie = cookie;
        c.csrf = csrf;
        return c;
      });
      let stop = false;
      const acksThisRound: Ack[] = [];
      const writer = async (i: number) => {
        const c = clients[i] as ApiClient;
        const id = evaluations[i] as string;
        let n = 0;
        while (!stop) {
          try {
            const read = await c.get(`/api/evaluations/${id}`);
            if (read.status !== 200) {
              result.unexpected.push(`round ${round}: GET ${read.status}`);
              return;
            }
            const mark = `崩溃测试-${i}-${round}-${n++}`;
            const save = await c.put(
              `/api/evaluations/${id}`,
              { ...read.body.evaluation, project: mark },
              { headers: { 'if-match': read.headers.get('etag') ?? '' } },
            );
            if (save.status === 200) {
              acksThisRound.push({ kind: 'save', evaluationId: id, key: String(save.body.version), mark });
            } else if (save.status !== 409) {
              result.unexpected.push(`round ${round}: PUT ${save.status} ${save.text.slice(0, 200)}`);
            }
            const comment = await c.post(`/api/evaluations/${id}/comments`, {
              body: `第 ${round} 轮的批注 ${n}`,
            });
            if (comment.status === 201) {
              acksThisRound.push({ kind: 'comment', evaluationId: id, key: comment.body.id, mark: '' });
            } else {
              result.unexpected.push(`round ${round}: POST comment ${comment.status}`);
            }
          } catch {
            // the connection went down with the server: this write was never answered
            result.cutOff++;
            return;
          }
        }
      };
      const storm = Promise.all(clients.map((_, i) => writer(i)));
      // In the middle of the storm: once the server has answered a few writes this round (a
      // loaded machine can take seconds to serve the first), then at a random moment.
      const waitUntil = Date.now() + 30_000;
      while (acksThisRound.length < minAcks && Date.now() < waitUntil)
        await new Promise((r) => setTimeout(r, 10));
      await new Promise((r) => setTimeout(r, minKill + Math.random() * (maxKill - minKill)));
      process.kill(server.pid, 'SIGKILL');
      stop = true;
      await storm;
      await server.stop(); // waits for the exit
      acks.push(...acksThisRound);

      // The file as the next start will find it.
      const sqlite = new Database(database.location);
      try {
        const integrity = sqlite.pragma('integrity_check', { simple: true });
        if (integrity !== 'ok') result.corrupt.push(`round ${round}: ${String(integrity)}`);
        const version = sqlite.prepare(
          "select json_extract(document, '$.project') as project from evaluation_versions where evaluation_id = ? and version = ?",
        );
        const comment = sqlite.prepare('select 1 from comments where id = ?');
        for (const a of acks) {
          if (a.kind === 'save') {
            const row = version.get(a.evaluationId, Number(a.key)) as { project: string } | undefined;
            if (row?.project !== a.mark) {
              result.lost.push(
                `round ${round}: save ${a.evaluationId}@${a.key} (${a.mark}) → ${row?.project ?? 'missing'}`,
              );
            }
          } else if (!comment.get(a.key)) {
            result.lost.push(`round ${round}: comment ${a.key}`);
          }
        }
      } finally {
        sqlite.close();
      }
      result.rounds = round;
      result.acknowledged = acks.length;
      log(
        `round ${round}: ${acksThisRound.length} writes acknowledged (${acks.length} in all), ` +
          `${result.lost.length} lost, integrity ${result.corrupt.length === 0 ? 'ok' : 'FAILED'}`,
      );
      // Lost writes are re-found every round after; stop counting them twice.
      if (result.lost.length > 0 || result.corrupt.length > 0) break;
    }
  } finally {
    await database.drop();
  }
  return result;
}
