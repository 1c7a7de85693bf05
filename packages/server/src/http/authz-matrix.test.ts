/**
 * The authorization matrix: every route of ROUTES × every kind of caller (anonymous, admin,
 * reviewer, unit approver, unit filler) × a thing of the caller's own unit or another's, each
 * against a real server process with its expected status (authz-expectations.ts). Writes get a
 * fresh form in the needed state for every cell, so one cell's change cannot decide another's.
 * A route without an expectation, or an expectation without a route, fails the suite.
 */
import { afterAll, beforeAll, expect, it } from 'vitest';
import { acceptEvaluation } from '../commands/acceptEvaluation.ts';
import { addAttachment } from '../commands/addAttachment.ts';
import { approveEvaluation } from '../commands/approveEvaluation.ts';
import { approveTargets } from '../commands/approveTargets.ts';
import { createEvaluation } from '../commands/createEvaluation.ts';
import { createUserUnchecked } from '../commands/createUser.ts';
import { declareTargets } from '../commands/declareTargets.ts';
import { publishEvaluation } from '../commands/publishEvaluation.ts';
import { requestAdjustment } from '../commands/requestAdjustment.ts';
import { submitEvaluation } from '../commands/submitEvaluation.ts';
import type { Actor } from '../domain.ts';
import { newId } from '../ids.ts';
import type { Store } from '../store/database.ts';
import { type ApiClient, type ApiResponse, apiClient } from '../testing/client.ts';
import { createTestDatabase, describeEachBackend, type TestDatabase } from '../testing/databases.ts';
import { type People, projectDocument, seedPeople, TEST_PASSWORD } from '../testing/fixtures.ts';
import { type ServerProcess, STARTUP_TIMEOUT, startServerProcess } from '../testing/server-process.ts';
import {
  AUTHZ_EXPECTATIONS,
  type Fixture,
  type FixtureIds,
  MATRIX_ROLES,
  type MatrixRequest,
  type MatrixRole,
  SCOPES,
  type Scope,
} from './authz-expectations.ts';
import { ROUTES } from './server.ts';

const routeKey = (r: { method: string; url: string }) => `${r.method} ${r.url}`;

it('every route has an expectation and every expectation a route', () => {
  const routes = new Set(ROUTES.map(routeKey));
  const missing = [...routes].filter((k) => !(k in AUTHZ_EXPECTATIONS));
  const stale = Object.keys(AUTHZ_EXPECTATIONS).filter((k) => !routes.has(k));
  expect(missing, 'routes without an entry in authz-expectations.ts').toEqual([]);
  expect(stale, 'entries in authz-expectations.ts for routes that no longer exist').toEqual([]);
});

describeEachBackend('authorization matrix', (dialect) => {
  let database: TestDatabase;
  let store: Store;
  let server: ServerProcess;
  let people: People;
  const sessions = new Map<MatrixRole, { cookie: string; csrf: string }>();

  beforeAll(async () => {
    database = await createTestDatabase(dialect);
    store = await database.open();
    [people, server] = await Promise.all([seedPeople(store.db), startServerProcess(database)]);
    await createUserUnchecked(store.db, null, {
      username: 'matrix-login',
      password: TEST_PASSWORD,
      displayName: '矩阵登录',
      role: 'filler',
      unitId: people.unitA,
    });
    for (const role of MATRIX_ROLES) {
      if (role === 'anonymous') continue;
      sessions.set(role, await signIn(role));
    }
  }, STARTUP_TIMEOUT);

  afterAll(async () => {
    await server?.stop();
    await store?.close();
    await database?.drop();
  }, STARTUP_TIMEOUT);

  function accountOf(role: Exclude<MatrixRole, 'anonymous'>): Actor {
    return {
      admin: people.admin,
      reviewer: people.reviewer,
      approver: people.approverA,
      filler: people.fillerA,
    }[role];
  }

  async function signIn(role: Exclude<MatrixRole, 'anonymous'>): Promise<{ cookie: string; csrf: string }> {
    const c = apiClient(server.url);
    const r = await c.login(accountOf(role).username, TEST_PASSWORD);
    if (r.status !== 200 || !c.cookie || !c.csrf) throw new Error(`cannot sign in as ${role}: ${r.text}`);
    return { cookie: c.cookie, csrf: c.csrf };
  }

  /** Makes the thing a cell acts on, in the scope's unit, by that unit's own people. */
  async function makeFixture(fixture: Fixture, scope: Scope): Promise<FixtureIds> {
    const db = store.db;
    const unitId = scope === 'own' ? people.unitA : people.unitB;
    const filler = scope === 'own' ? people.fillerA : people.fillerB;
    const approver = scope === 'own' ? people.approverA : people.approverB;
    const document = projectDocument({ project: `矩阵项目-${newId().slice(0, 8)}` });
    const adjusted = {
      ...document,
      goals: document.goals.map((g, i) => (i === 0 ? { ...g, text: `${g.text}（年中调整）` } : g)),
    };
    const ids: FixtureIds = { unitId, id: '', unique: newId().slice(0, 10), document, adjusted };
    if (fixture === 'none') return ids;
    const targets = fixture.startsWith('targets-') || fixture === 'adjustment';
    const created = await createEvaluation(db, filler, {
      document,
      ...(targets ? { stage: 'targets' as const } : {}),
    });
    const id = created.evaluation.id;
    ids.id = id;
    const submit = (x: { id: string }) => submitEvaluation(db, filler, x);
    const approve = (x: { id: string }) => approveEvaluation(db, approver, x);
    const accept = (x: { id: string }) => acceptEvaluation(db, people.reviewer, x);
    const publish = (x: { id: string }) => publishEvaluation(db, people.reviewer, x);
    const declare = (x: { id: string }) => declareTargets(db, filler, x);
    const approveT = (x: { id: string }) => approveTargets(db, people.reviewer, x);
    const stepsTo: Partial<Record<Fixture, ((x: { id: string }) => Promise<unknown>)[]>> = {
      submitted: [submit],
      approved: [submit, approve],
      accepted: [submit, approve, accept],
      published: [submit, approve, accept, publish],
      'targets-declared': [declare],
      'targets-approved': [declare, approveT],
      adjustment: [declare, approveT],
    };
    const steps = stepsTo[fixture] ?? [];
    for (const step of steps) await step({ id });
    if (fixture === 'attachment') {
      const a = await addAttachment(db, filler, {
        evaluationId: id,
        filename: '证明.txt',
        mediaType: 'text/plain',
        content: Buffer.from('证明'),
      });
      ids.id = a.id;
    }
    if (fixture === 'adjustment') {
      const adj = await requestAdjustment(db, filler, {
        evaluationId: id,
        reason: '年中调整。',
        document: adjusted,
      });
      ids.id = adj.id;
    }
    return ids;
  }

  async function send(method: string, req: MatrixRequest, client: ApiClient): Promise<ApiResponse> {
    if (req.file) {
      const form = new FormData();
      form.append(req.file.field, new Blob([req.file.content], { type: 'text/plain' }), req.file.name);
      return client.request(method, req.path, {
        body: form,
        ...(req.headers ? { headers: req.headers } : {}),
      });
    }
    return client.request(method, req.path, {
      ...(req.json !== undefined ? { json: req.json } : {}),
      ...(req.headers ? { headers: req.headers } : {}),
    });
  }

  it('answers every route for every caller as the matrix says', async () => {
    const violations: string[] = [];
    const actual: Record<string, Record<string, string>> = {};
    let cells = 0;
    let setupMs = 0;
    let requestMs = 0;
    const perRoute: Record<string, number> = {};
    // Reads share one thing per fixture and scope. A write works on a thing of its own, made
    // again after every request that succeeded (a refused one changed nothing).
    const shared = new Map<string, Promise<FixtureIds>>();
    // Routes a few at a time (each route's cells in order): cells of different routes act on
    // different things, so they cannot decide one another.
    const queue = [...ROUTES];
    const worker = async () => {
      for (let route = queue.shift(); route; route = queue.shift()) await runRoute(route);
    };
    const runRoute = async (route: (typeof ROUTES)[number]) => {
      const key = routeKey(route);
      const spec = AUTHZ_EXPECTATIONS[key];
      if (!spec) return; // reported by the test above
      const seen: Record<string, string> = {};
      actual[key] = seen;
      for (const role of MATRIX_ROLES) {
        for (const scope of SCOPES) {
          const k = route.method === 'GET' ? `${spec.fixture}/${scope}` : `${key}/${scope}`;
          const t0 = performance.now();
          if (!shared.has(k)) shared.set(k, makeFixture(spec.fixture, scope));
          const ids = await (shared.get(k) as Promise<FixtureIds>);
          const t1 = performance.now();
          setupMs += t1 - t0;
          const client = apiClient(server.url);
          if (role !== 'anonymous') {
            const s = spec.ownSession
              ? await signIn(role)
              : (sessions.get(role) as { cookie: string; csrf: string });
            client.cookie = s.cookie;
            client.csrf = s.csrf;
          }
          const t2 = performance.now();
          const res = await send(route.method, spec.request(ids), client);
          const ms = performance.now() - t2;
          requestMs += ms;
          perRoute[key] = (perRoute[key] ?? 0) + ms;
          if (route.method !== 'GET' && res.status < 300) shared.delete(k);
          const e = spec.expect[role];
          const want = typeof e === 'number' ? e : e[scope];
          cells++;
          seen[`${role}/${scope}`] = String(res.status);
          if (res.status !== want) {
            violations.push(
              `${key} as ${role} (${scope} unit): expected ${want}, got ${res.status} ${res.body?.error?.code ?? ''} ${res.body?.error?.message ?? ''}`,
            );
          }
        }
      }
    };
    await Promise.all(Array.from({ length: 4 }, worker));
    console.log(
      `authorization matrix on ${dialect}: ${ROUTES.length} routes × ${MATRIX_ROLES.length} callers × ${SCOPES.length} scopes = ${cells} cells, ${violations.length} violations`,
    );
    const slowest = Object.entries(perRoute)
      .sort((a, b) => b[1] - a[1])
      .slice(0, 3)
      .map(([k, v]) => `${k} ${Math.round(v)} ms`);
    console.log(
      `  setup ${Math.round(setupMs)} ms, requests ${Math.round(requestMs)} ms; slowest: ${slowest.join(', ')}`,
    );
    if (violations.length > 0 && process.env.JIXIAO_MATRIX_DUMP) console.log(JSON.stringify(actual, null, 1));
    expect(violations).toEqual([]);
    expect(cells).toBe(ROUTES.filter((r) => routeKey(r) in AUTHZ_EXPECTATIONS).length * 10);
  }, 120_000);
});
