/**
 * The API over HTTP against a real server process, on SQLite and on PostgreSQL: signing in
 * and out, every workflow step allowed and refused per role and state, unit isolation, stale
 * saves, targets first, the audit trail, published snapshots, uploads and imports.
 */
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { samplesDir } from '../../../../test-support/samples.ts';
import { detailJsonOf } from '../queries/evaluations.ts';
import { findEvaluation } from '../store/repos/evaluations.ts';
import { type ApiClient, apiClient, type Json } from '../testing/client.ts';
import { createTestDatabase, describeEachBackend, type TestDatabase } from '../testing/databases.ts';
import {
  type People,
  projectDocument,
  seedDocument,
  seedPeople,
  TEST_PASSWORD,
} from '../testing/fixtures.ts';
import { type ServerProcess, STARTUP_TIMEOUT, startServerProcess } from '../testing/server-process.ts';
import { evaluationDetailJson } from './views.ts';

const ATTACHMENT_LIMIT = 64 * 1024;
const IMPORT_LIMIT = 256 * 1024;

type Who = Exclude<keyof People, 'unitA' | 'unitB'>;

/** Bytes that are no document at all. */
const JUNK = new Uint8Array([0, 159, 146, 150, 0, 1, 2, 3, 255, 0]);

function sample(name: string): string {
  return readFileSync(join(samplesDir(), name), 'utf8');
}

describeEachBackend('API', (dialect) => {
  let database: TestDatabase;
  let server: ServerProcess;
  let people: People;
  const clients = new Map<Who, ApiClient>();

  beforeAll(async () => {
    database = await createTestDatabase(dialect);
    const store = await database.open();
    try {
      // The server starts while the people are added (it needs them only for the tests).
      [people, server] = await Promise.all([
        seedPeople(store.db),
        startServerProcess(database, {
          attachmentLimit: ATTACHMENT_LIMIT,
          importLimits: { maxBytes: IMPORT_LIMIT, maxFiles: 3 },
        }),
      ]);
    } finally {
      await store.close();
    }
  }, STARTUP_TIMEOUT);
  afterAll(async () => {
    await server?.stop();
    await database?.drop();
  }, STARTUP_TIMEOUT);

  async function as(who: Who): Promise<ApiClient> {
    const known = clients.get(who);
    if (known) return known;
    const c = apiClient(server.url);
    const r = await c.login(people[who].username, TEST_PASSWORD);
    expect(r.status).toBe(200);
    clients.set(who, c);
    return c;
  }

  async function create(who: Who, document: Json = projectDocument(), query = ''): Promise<Json> {
    const r = await (await as(who)).post(`/api/evaluations${query}`, document);
    expect(r.status, r.text).toBe(201);
    return r.body;
  }

  async function step(who: Who, id: string, action: string, body?: Json) {
    return (await as(who)).post(`/api/evaluations/${id}/${action}`, body);
  }

  /** A form of unit A moved along the workflow to `status`. */
  async function formIn(
    status: 'draft' | 'submitted' | 'approved' | 'accepted' | 'published',
  ): Promise<string> {
    const { id } = await create('fillerA');
    const path = ['submitted', 'approved', 'accepted', 'published'];
    const by: Record<string, [Who, string]> = {
      submitted: ['fillerA', 'submit'],
      approved: ['approverA', 'approve'],
      accepted: ['reviewer', 'accept'],
      published: ['reviewer', 'publish'],
    };
    for (const s of path.slice(0, path.indexOf(status) + 1)) {
      const [who, action] = by[s] as [Who, string];
      expect((await step(who, id, action)).status).toBe(200);
    }
    return id;
  }

  describe('signing in and out', () => {
    it('signs in with an HttpOnly SameSite cookie, and out for good', async () => {
      const c = apiClient(server.url);
      expect((await c.get('/api/me')).status).toBe(401);
      const r = await c.login(people.approverA.username, TEST_PASSWORD);
      expect(r.status).toBe(200);
      expect(r.body.user).toMatchObject({
        username: people.approverA.username,
        role: 'approver',
        unitId: people.unitA,
      });
      expect(r.body.csrfToken).toEqual(expect.any(String));
      const cookie = r.headers.getSetCookie().join('\n');
      expect(cookie).toMatch(/jixiao_session=/);
      expect(cookie).toMatch(/HttpOnly/i);
      expect(cookie).toMatch(/SameSite=Lax/i);
      const me = await c.get('/api/me');
      expect(me.status).toBe(200);
      expect(me.body.unit.id).toBe(people.unitA);
      expect(me.body.csrfToken).toBe(r.body.csrfToken);

      const cookieBefore = c.cookie;
      const out = await c.logout();
      expect(out.status).toBe(204);
      expect(c.cookie).toBeNull();
      // The old cookie is dead everywhere, not just forgotten by this client.
      const replay = await fetch(new URL('/api/me', server.url), { headers: { cookie: cookieBefore ?? '' } });
      expect(replay.status).toBe(401);
    });

    it('refuses a wrong password with a Chinese message and no hint which part was wrong', async () => {
      const c = apiClient(server.url);
      const wrong = await c.login(people.fillerB.username, 'not-the-password');
      const unknown = await c.login('no-such-user', 'whatever-password');
      expect(wrong.status).toBe(401);
      expect(wrong.body.error).toEqual({ code: 'bad-credentials', message: '用户名或密码不正确。' });
      expect(unknown.body).toEqual(wrong.body);
      expect((await c.get('/api/evaluations')).status).toBe(401);
    });
  });

  describe('forms', () => {
    it('creates from canonical JSON with score, findings and an ETag', async () => {
      const r = await (await as('fillerA')).post('/api/evaluations', seedDocument());
      expect(r.status).toBe(201);
      expect(r.headers.get('etag')).toBe('"v1"');
      expect(r.headers.get('location')).toBe(`/api/evaluations/${r.body.id}`);
      expect(r.body).toMatchObject({
        status: 'draft',
        statusName: '草稿',
        version: 1,
        unit: { id: people.unitA },
        profile: 'hubei-2020',
        total: 92,
        targetsApproved: false,
      });
      expect(r.body.evaluation.unit).toBe('光谷现代服务业园建设服务中心');
      expect(r.body.score.totals.reported).toBe(95);
      const codes = r.body.findings.map((f: Json) => f.code);
      expect(codes).toContain('total-mismatch');
      expect(codes).toContain('targets-not-approved');
    });

    it('refuses an invalid document with 422, the path and a Chinese reason', async () => {
      const doc = projectDocument();
      (doc.indicators[0] as Json).score = '十分';
      const r = await (await as('fillerA')).post('/api/evaluations', doc);
      expect(r.status).toBe(422);
      expect(r.body.error).toMatchObject({ code: 'invalid-document', path: 'indicators[0].score' });
      expect(r.body.error.message).toContain('得分');
      const bad = await (await as('fillerA')).request('POST', '/api/evaluations', {
        body: '{"kind":',
        headers: { 'content-type': 'application/json' },
      });
      expect(bad.status).toBe(400);
      expect(bad.body.error.code).toBe('bad-json');
    });

    it("keeps a unit's forms from other units: 404, never 403, and out of their lists", async () => {
      const { id } = await create('fillerA');
      for (const who of ['fillerB', 'approverB'] as const) {
        const c = await as(who);
        const r = await c.get(`/api/evaluations/${id}`);
        expect(r.status).toBe(404);
        expect(r.body.error.code).toBe('not-found');
        expect(
          (await c.put(`/api/evaluations/${id}`, projectDocument(), { headers: { 'if-match': '"v1"' } }))
            .status,
        ).toBe(404);
        expect((await c.post(`/api/evaluations/${id}/submit`)).status).toBe(404);
        expect((await c.get(`/api/evaluations/${id}/audit`)).status).toBe(404);
        expect((await c.get(`/api/evaluations/${id}/versions`)).status).toBe(404);
        const list = await c.get('/api/evaluations?pageSize=200');
        expect(list.body.items.map((e: Json) => e.id)).not.toContain(id);
        expect(list.body.items.every((e: Json) => e.unit.id === people.unitB)).toBe(true);
      }
      expect((await (await as('reviewer')).get(`/api/evaluations/${id}`)).status).toBe(200);
      expect((await (await as('admin')).get(`/api/evaluations/${id}`)).status).toBe(200);
      const missing = await (await as('fillerB')).get(
        '/api/evaluations/00000000-0000-0000-0000-000000000000',
      );
      expect(missing.status).toBe(404);
      expect(missing.body).toEqual((await (await as('fillerB')).get(`/api/evaluations/${id}`)).body);
    });

    it('answers a save with what reading the form from the store gives', async () => {
      const { id } = await create('fillerA');
      // findings too: the seed form has a total that does not add up
      const saved = await (await as('fillerA')).put(`/api/evaluations/${id}`, seedDocument(), {
        headers: { 'if-match': '"v1"' },
      });
      expect(saved.status).toBe(200);
      expect(saved.body.findings.length).toBeGreaterThan(0);
      // read past the server's kept answers: straight from the database
      const store = await database.open();
      try {
        const record = await findEvaluation(store.db, id);
        if (!record) throw new Error('saved form is missing');
        expect(record.version).toBe(2);
        expect(saved.body).toEqual(JSON.parse(evaluationDetailJson(await detailJsonOf(store.db, record))));
      } finally {
        await store.close();
      }
    });

    it('answers a stale save with 409 and the current version, and loses nothing', async () => {
      const { id } = await create('fillerA');
      const filler = await as('fillerA');
      const approver = await as('approverA');
      const first = await filler.put(
        `/api/evaluations/${id}`,
        projectDocument({ improvementPlan: '填报人的修改' }),
        {
          headers: { 'if-match': '"v1"' },
        },
      );
      expect(first.status).toBe(200);
      expect(first.headers.get('etag')).toBe('"v2"');

      const stale = await approver.put(
        `/api/evaluations/${id}`,
        projectDocument({ improvementPlan: '负责人的修改' }),
        {
          headers: { 'if-match': '"v1"' },
        },
      );
      expect(stale.status).toBe(409);
      expect(stale.body.error).toMatchObject({
        code: 'stale-version',
        currentVersion: 2,
        expectedVersion: 1,
      });
      expect(stale.body.error.message).toContain('第 2 版');
      expect(stale.headers.get('etag')).toBe('"v2"');

      const now = await approver.get(`/api/evaluations/${id}`);
      expect(now.body.version).toBe(2);
      expect(now.body.evaluation.improvementPlan).toBe('填报人的修改');
      expect(
        (await approver.get(`/api/evaluations/${id}/versions`)).body.items.map((v: Json) => v.version),
      ).toEqual([2, 1]);

      const noVersion = await approver.put(`/api/evaluations/${id}`, projectDocument());
      expect(noVersion.status).toBe(428);
      expect(noVersion.body.error.code).toBe('version-required');
      const retry = await approver.put(
        `/api/evaluations/${id}`,
        projectDocument({ improvementPlan: '负责人的修改' }),
        {
          headers: { 'if-match': now.headers.get('etag') ?? '' },
        },
      );
      expect(retry.status).toBe(200);
      expect(retry.body.version).toBe(3);
    });

    it('lists with filters and pages, and shows the differences between versions', async () => {
      const { id } = await create('fillerB', projectDocument({ year: 2030 }));
      await (await as('fillerB')).put(
        `/api/evaluations/${id}`,
        projectDocument({ year: 2030, project: '改名后的项目' }),
        {
          headers: { 'if-match': '"v1"' },
        },
      );
      await create('fillerB', projectDocument({ year: 2030, kind: 'project' }));
      const reviewer = await as('reviewer');
      const page1 = await reviewer.get(`/api/evaluations?year=2030&unit=${people.unitB}&pageSize=1`);
      expect(page1.body).toMatchObject({ total: 2, page: 1, pageSize: 1 });
      expect(page1.body.items).toHaveLength(1);
      // the server keeps list answers until the next write: the same list after one is new
      await create('fillerB', projectDocument({ year: 2030, project: '第三个项目' }));
      const again = await reviewer.get(`/api/evaluations?year=2030&unit=${people.unitB}&pageSize=1`);
      expect(again.body).toMatchObject({ total: 3, page: 1, pageSize: 1 });
      // and each reader gets the answer of their own scope: unit A sees none of unit B's forms
      const year2030 = '/api/evaluations?year=2030&pageSize=50';
      expect((await reviewer.get(year2030)).body.total).toBeGreaterThanOrEqual(3);
      expect((await (await as('fillerA')).get(year2030)).body).toMatchObject({ total: 0, items: [] });
      expect((await (await as('fillerB')).get(year2030)).body.total).toBe(
        (await reviewer.get(year2030)).body.total,
      );
      const drafts = await reviewer.get('/api/evaluations?year=2030&status=draft&hasErrors=false');
      expect(drafts.status).toBe(200);
      expect((await reviewer.get('/api/evaluations?year=abc')).status).toBe(400);
      const diff = await reviewer.get(`/api/evaluations/${id}/diff?from=1&to=2`);
      expect(diff.body.changes).toEqual([
        { path: 'project', before: projectDocument().project, after: '改名后的项目' },
      ]);
      const v1 = await reviewer.get(`/api/evaluations/${id}/versions/1`);
      expect(v1.body.evaluation.project).toBe(projectDocument().project);
      expect((await reviewer.get(`/api/evaluations/${id}/versions/9`)).status).toBe(404);
    });
  });

  describe('workflow', () => {
    // Each step: who may take it from which status; everyone else is refused.
    const STEPS: {
      action: string;
      from: 'draft' | 'submitted' | 'approved' | 'accepted';
      by: Who;
      to: string;
    }[] = [
      { action: 'submit', from: 'draft', by: 'fillerA', to: 'submitted' },
      { action: 'approve', from: 'submitted', by: 'approverA', to: 'approved' },
      { action: 'accept', from: 'approved', by: 'reviewer', to: 'accepted' },
      { action: 'publish', from: 'accepted', by: 'reviewer', to: 'published' },
    ];
    const EVERYONE: Who[] = ['admin', 'reviewer', 'fillerA', 'approverA', 'fillerB', 'approverB'];

    for (const s of STEPS) {
      it(`${s.action}: only ${s.by}, only from ${s.from}`, async () => {
        const id = await formIn(s.from);
        for (const who of EVERYONE.filter((w) => w !== s.by)) {
          const r = await step(who, id, s.action);
          const expected = who.endsWith('B') ? 404 : 403;
          expect(r.status, `${who} ${s.action}`).toBe(expected);
          expect(r.body.error.message).toMatch(/[\u4e00-\u9fff]/);
        }
        const ok = await step(s.by, id, s.action);
        expect(ok.status).toBe(200);
        expect(ok.body.status).toBe(s.to);
        const again = await step(s.by, id, s.action);
        expect(again.status).toBe(409);
        expect(again.body.error.code).toBe('wrong-status');
      });
    }

    it('refuses each step from a state it does not start from', async () => {
      const draft = await formIn('draft');
      for (const [who, action] of [
        ['approverA', 'approve'],
        ['reviewer', 'accept'],
        ['reviewer', 'publish'],
        ['reviewer', 'return'],
      ] as [Who, string][]) {
        const r = await step(who, draft, action, action === 'return' ? { reason: '退回' } : undefined);
        expect(r.status, action).toBe(409);
        expect(r.body.error.message).toContain('草稿');
      }
      const submitted = await formIn('submitted');
      const edit = await (await as('fillerA')).put(`/api/evaluations/${submitted}`, projectDocument(), {
        headers: { 'if-match': '"v1"' },
      });
      expect(edit.status).toBe(409);
      expect(edit.body.error.message).toContain('已提交');
    });

    it('returns with comments to draft: approver before it leaves the unit, reviewer after', async () => {
      const submitted = await formIn('submitted');
      const byApprover = await step('approverA', submitted, 'return', { reason: '请补充偏差原因' });
      expect(byApprover.status).toBe(200);
      expect(byApprover.body.status).toBe('draft');

      const approved = await formIn('approved');
      expect((await step('approverA', approved, 'return', { reason: 'x' })).status).toBe(409);
      expect((await step('reviewer', approved, 'return', {})).status).toBe(422);
      const r = await step('reviewer', approved, 'return', {
        comments: [{ path: 'indicators[0].actual', body: '请附完成情况的证明材料' }],
      });
      expect(r.status).toBe(200);
      expect(r.body.status).toBe('draft');
      const comments = await (await as('fillerA')).get(`/api/evaluations/${approved}/comments`);
      expect(comments.body.items).toMatchObject([
        { path: 'indicators[0].actual', body: '请附完成情况的证明材料', author: { id: people.reviewer.id } },
      ]);
    });

    it('records every change in the audit trail with before and after', async () => {
      const { id } = await create('fillerA');
      const filler = await as('fillerA');
      await filler.put(
        `/api/evaluations/${id}`,
        projectDocument({ deviationAnalysis: '因汛期提前，部分工程延后' }),
        {
          headers: { 'if-match': '"v1"' },
        },
      );
      await filler.post(`/api/evaluations/${id}/comments`, { path: 'deviationAnalysis', body: '已补充' });
      await step('fillerA', id, 'submit');
      await step('approverA', id, 'return', { reason: '请补充改进措施' });
      const trail = await (await as('approverA')).get(`/api/evaluations/${id}/audit`);
      expect(trail.status).toBe(200);
      const items: Json[] = trail.body.items;
      expect(items.map((e) => e.action)).toEqual([
        'evaluation.create',
        'evaluation.save',
        'comment.add',
        'evaluation.submit',
        'evaluation.return',
      ]);
      expect(items.every((e) => typeof e.at === 'string' && e.actor?.id)).toBe(true);
      expect(items[1]).toMatchObject({
        actor: { id: people.fillerA.id },
        before: { version: 1, changes: { deviationAnalysis: null } },
        after: { version: 2, changes: { deviationAnalysis: '因汛期提前，部分工程延后' } },
      });
      expect(items[3]).toMatchObject({ before: { status: 'draft' }, after: { status: 'submitted' } });
      expect(items[4]).toMatchObject({
        actor: { id: people.approverA.id },
        before: { status: 'submitted' },
        after: { status: 'draft', comments: [{ body: '请补充改进措施' }] },
      });
      const all = await (await as('admin')).get(`/api/audit?entityId=${id}`);
      expect(all.body.items.length).toBeGreaterThanOrEqual(4);
      expect((await (await as('reviewer')).get('/api/audit')).status).toBe(403);
    });

    it('keeps the published snapshot unchanged when the draft changes later', async () => {
      const id = await formIn('published');
      const pub = apiClient(server.url);
      const before = await pub.get(`/api/public/evaluations/${id}`);
      expect(before.status).toBe(200);
      expect(before.body).toMatchObject({ id, version: 1 });

      expect((await step('reviewer', id, 'return', { reason: '公开后发现笔误，退回更正' })).status).toBe(200);
      const changed = projectDocument({ project: '更正后的项目名称', totalReported: 88 });
      const saved = await (await as('fillerA')).put(`/api/evaluations/${id}`, changed, {
        headers: { 'if-match': '"v1"' },
      });
      expect(saved.status).toBe(200);

      const after = await pub.get(`/api/public/evaluations/${id}`);
      expect(after.body).toEqual(before.body);
      expect(after.body.evaluation.project).toBe(projectDocument().project);
      const list = await pub.get('/api/public/evaluations?pageSize=200');
      expect(list.body.items.find((e: Json) => e.id === id)).toMatchObject({ version: 1 });

      for (const [who, action] of [
        ['fillerA', 'submit'],
        ['approverA', 'approve'],
        ['reviewer', 'accept'],
        ['reviewer', 'publish'],
      ] as [Who, string][]) {
        expect((await step(who, id, action)).status).toBe(200);
      }
      const republished = await pub.get(`/api/public/evaluations/${id}`);
      expect(republished.body).toMatchObject({ version: 2 });
      expect(republished.body.evaluation.project).toBe('更正后的项目名称');
    });

    it('shows the public only published forms, without signing in', async () => {
      const draft = await formIn('accepted');
      const pub = apiClient(server.url);
      const r = await pub.get(`/api/public/evaluations/${draft}`);
      expect(r.status).toBe(404);
      expect((await pub.get(`/api/evaluations/${draft}`)).status).toBe(401);
      const list = await pub.get('/api/public/evaluations');
      expect(list.status).toBe(200);
      expect(list.body.items.map((e: Json) => e.id)).not.toContain(draft);
    });
  });

  describe('targets first', () => {
    it('locks approved targets in the self-evaluation and records an approved adjustment', async () => {
      const targets = projectDocument({ year: 2026 });
      targets.indicators = targets.indicators.map((i) => ({
        ...i,
        actual: { raw: '' } as Json,
        score: null,
      }));
      targets.totalReported = null;
      const declared = await create('fillerA', targets, '?stage=targets');
      expect(declared).toMatchObject({ stage: 'targets', statusName: '草稿' });
      expect((await step('fillerA', declared.id, 'declare')).body.status).toBe('declared');
      expect((await step('approverA', declared.id, 'approve-targets')).status).toBe(403);
      const approved = await step('reviewer', declared.id, 'approve-targets');
      expect(approved.body).toMatchObject({
        status: 'approved',
        statusName: '目标已批复',
        approvedVersion: 1,
      });

      const filler = await as('fillerA');
      const made = await filler.post(`/api/evaluations?fromTargets=${declared.id}`);
      expect(made.status).toBe(201);
      expect(made.body).toMatchObject({
        stage: 'self-evaluation',
        targets: { id: declared.id, version: 1 },
        targetsApproved: true,
      });
      const id = made.body.id;

      const filled = projectDocument({ year: 2026 });
      const ok = await filler.put(`/api/evaluations/${id}`, filled, { headers: { 'if-match': '"v1"' } });
      expect(ok.status).toBe(200);
      const tampered = structuredClone(filled);
      (tampered.indicators[0] as Json).target = { raw: '≥0.5' };
      const locked = await filler.put(`/api/evaluations/${id}`, tampered, {
        headers: { 'if-match': '"v2"' },
      });
      expect(locked.status).toBe(422);
      expect(locked.body.error).toMatchObject({ code: 'targets-locked', path: 'indicators[0].target' });
      expect(locked.body.error.message).toContain('目标调整');

      const adj = await filler.post(`/api/evaluations/${id}/adjustments`, {
        reason: '上级下达追加任务',
        document: tampered,
      });
      expect(adj.status).toBe(201);
      expect(adj.body).toMatchObject({ status: 'pending', reason: '上级下达追加任务' });
      expect((await (await as('approverA')).post(`/api/adjustments/${adj.body.id}/approve`, {})).status).toBe(
        403,
      );
      const decided = await (await as('reviewer')).post(`/api/adjustments/${adj.body.id}/approve`, {
        note: '同意调整',
      });
      expect(decided.status).toBe(200);
      expect(decided.body.status).toBe('approved');

      const now = await filler.get(`/api/evaluations/${id}`);
      expect(now.body).toMatchObject({ version: 3, targets: { id: declared.id, version: 2 } });
      expect(now.body.evaluation.indicators[0].target.raw).toBe('≥0.5');
      expect(now.body.findings.map((f: Json) => f.code)).not.toContain('targets-changed');
      const trail = (await filler.get(`/api/evaluations/${id}/audit`)).body.items.map((e: Json) => e.action);
      expect(trail).toEqual(expect.arrayContaining(['adjustment.request', 'adjustment.approve']));
      const listed = await filler.get(`/api/evaluations/${id}/adjustments`);
      expect(listed.body.items).toMatchObject([{ status: 'approved', decisionNote: '同意调整' }]);
    });
  });

  describe('attachments and imports', () => {
    it('stores evidence within the size limit, serves it as a download, and refuses larger files with 413', async () => {
      const { id } = await create('fillerA');
      const filler = await as('fillerA');
      const form = new FormData();
      const bytes = new Uint8Array(1000).map((_, i) => i % 251);
      form.append('file', new Blob([bytes], { type: 'application/pdf' }), '验收报告.pdf');
      const up = await filler.request('POST', `/api/evaluations/${id}/attachments`, { body: form });
      expect(up.status, up.text).toBe(201);
      expect(up.body).toMatchObject({ filename: '验收报告.pdf', size: 1000 });
      const down = await (await as('reviewer')).get(up.body.href);
      expect(down.status).toBe(200);
      expect(down.headers.get('content-disposition')).toMatch(/^attachment/);
      expect(down.headers.get('content-type')).toBe('application/octet-stream');
      expect((await (await as('fillerB')).get(up.body.href)).status).toBe(404);

      const big = new FormData();
      big.append('file', new Blob([new Uint8Array(ATTACHMENT_LIMIT + 1)]), '太大的扫描件.pdf');
      const tooBig = await filler.request('POST', `/api/evaluations/${id}/attachments`, { body: big });
      expect(tooBig.status).toBe(413);
      expect(tooBig.body.error.code).toBe('attachment-too-large');
      expect(tooBig.body.error.message).toContain('太大的扫描件.pdf');
      const listed = await filler.get(`/api/evaluations/${id}/attachments`);
      expect(listed.body.items).toHaveLength(1);
    });

    it("imports sample files as drafts of the caller's unit, without approved targets, with repairs, warnings and findings", async () => {
      const filler = await as('fillerA');
      const form = new FormData();
      form.append('file', new Blob([sample('seed-hubei-dept-2023.md')]), 'seed-hubei-dept-2023.md');
      form.append('file', new Blob([sample('anhui-project-2022.txt')]), 'anhui-project-2022.txt');
      form.append('file', new Blob([JUNK]), '损坏的文件.xlsx');
      const r = await filler.request('POST', '/api/evaluations/import', { body: form });
      expect(r.status, r.text).toBe(201);
      expect(r.body.created).toBe(2);
      const [seed, anhui, junk] = r.body.files;
      expect(seed).toMatchObject({
        file: 'seed-hubei-dept-2023.md',
        size: Buffer.byteLength(sample('seed-hubei-dept-2023.md')),
      });
      expect(seed.forms).toHaveLength(1);
      expect(seed.forms[0]).toMatchObject({
        ok: true,
        status: 'draft',
        unit: { id: people.unitA },
        kind: 'department',
        year: 2023,
        profile: 'hubei-2020',
        targetsApproved: false,
        import: { layout: 'hubei-department' },
      });
      // The checks' findings on the new version come with it, the missing targets among them.
      const findings: Json[] = seed.forms[0].findings;
      expect(findings.map((f) => f.code)).toContain('targets-not-approved');
      expect(findings.filter((f) => f.severity === 'error')).toHaveLength(seed.forms[0].errorCount);
      expect(findings.filter((f) => f.severity === 'warning')).toHaveLength(seed.forms[0].warningCount);
      expect(findings.every((f) => /[\u4e00-\u9fff]/.test(f.message))).toBe(true);
      expect(seed.forms[0].import.repairs.length).toBeGreaterThan(0);
      expect(seed.forms[0].import.repairs[0]).toEqual(
        expect.objectContaining({ kind: expect.any(String), where: expect.any(String) }),
      );
      expect(anhui.forms[0]).toMatchObject({
        ok: true,
        kind: 'project',
        year: 2022,
        unit: { id: people.unitA },
      });
      expect(anhui.forms[0].import.warnings.length).toBeGreaterThan(0);
      expect(anhui.forms[0].import.warnings[0].message).toMatch(/[\u4e00-\u9fff]/);
      expect(junk.forms).toEqual([]);
      expect(junk.error.code).toBe('junk');
      expect(junk.error.message).toContain('损坏的文件.xlsx');

      const detail = await filler.get(`/api/evaluations/${seed.forms[0].id}`);
      expect(detail.status).toBe(200);
      expect(detail.body).toMatchObject({
        status: 'draft',
        targetsApproved: false,
        targets: null,
        version: 1,
      });
      expect(detail.body.evaluation.unit).toBe('光谷现代服务业园建设服务中心');
      expect(detail.body.evaluation.import.source).toBe('seed-hubei-dept-2023.md');
      expect(detail.body.findings.map((f: Json) => f.code)).toContain('targets-not-approved');
      expect((await (await as('fillerB')).get(`/api/evaluations/${seed.forms[0].id}`)).status).toBe(404);
      const trail = await filler.get(`/api/evaluations/${seed.forms[0].id}/audit`);
      expect(trail.body.items.map((e: Json) => e.action)).toEqual(['evaluation.create']);

      // A reviewer importing another region's published form gets its unit made for it.
      const reviewer = await as('reviewer');
      const other = new FormData();
      other.append('file', new Blob([sample('hubei-project-2021-cell-per-line.txt')]), '鄂州项目.txt');
      const byReviewer = await reviewer.request('POST', '/api/evaluations/import', { body: other });
      expect(byReviewer.status, byReviewer.text).toBe(201);
      expect(byReviewer.body.files[0].forms[0].unit.name).toBe('鄂州市行政审批局');
    });

    it('refuses an oversized import with 413, and an unreadable or unrecognised one with 422 and the reason', async () => {
      const reviewer = await as('reviewer');
      const big = new FormData();
      big.append('file', new Blob([new Uint8Array(IMPORT_LIMIT + 10).fill(65)]), '自评表.txt');
      const tooBig = await reviewer.request('POST', '/api/evaluations/import', { body: big });
      expect(tooBig.status).toBe(413);
      expect(tooBig.body.created).toBe(0);
      expect(tooBig.body.files[0].error.code).toBe('too-large');
      expect(tooBig.body.files[0].error.message).toContain('自评表.txt');

      const many = new FormData();
      for (let i = 0; i < 4; i++) many.append('file', new Blob(['x']), `f${i}.txt`);
      const tooMany = await reviewer.request('POST', '/api/evaluations/import', { body: many });
      expect(tooMany.status).toBe(413);
      expect(tooMany.body.error.code).toBe('too-many-files');

      const junk = new FormData();
      junk.append('file', new Blob([JUNK]), '损坏的文件.xlsx');
      const malformed = await reviewer.request('POST', '/api/evaluations/import', { body: junk });
      expect(malformed.status).toBe(422);
      expect(malformed.body).toMatchObject({
        created: 0,
        files: [{ file: '损坏的文件.xlsx', forms: [], error: { code: 'junk', where: '损坏的文件.xlsx' } }],
      });
      expect(malformed.body.files[0].error.message).toMatch(/^文件“损坏的文件.xlsx”.*二进制/);

      const prose = new FormData();
      prose.append('file', new Blob(['这是一封普通的通知，没有任何表格。\n请各单位按时报送。']), '通知.txt');
      const noForm = await reviewer.request('POST', '/api/evaluations/import', { body: prose });
      expect(noForm.status).toBe(422);
      expect(noForm.body.files[0].forms[0]).toMatchObject({ ok: false, error: { code: 'unknown-layout' } });
      expect(noForm.body.files[0].forms[0].error.message).toContain('通知.txt');

      const none = await reviewer.request('POST', '/api/evaluations/import', { body: new FormData() });
      expect(none.status).toBe(400);
      expect(
        (await reviewer.get('/api/evaluations?year=2023')).body.items.map((e: Json) => e.unit.name),
      ).not.toContain('损坏的文件');
    });
  });

  describe('dashboard, export and documentation', () => {
    it('summarises the year for reviewers, and only their own unit for unit people', async () => {
      await create('fillerA', projectDocument({ year: 2031 }));
      await create('fillerB', seedDocument(), '');
      const b = await create('fillerB', projectDocument({ year: 2031 }));
      const all = await (await as('reviewer')).get('/api/dashboard?year=2031');
      expect(all.status).toBe(200);
      expect(all.body.total).toBe(2);
      expect(all.body.byStatus.draft).toBe(2);
      expect(all.body.scores.reduce((n: number, s: Json) => n + s.count, 0)).toBe(2);
      expect(all.body.executionRates.find((s: Json) => s.label === '≥100%').count).toBe(2);
      expect(all.body.units.map((u: Json) => u.unitId).sort()).toEqual([people.unitA, people.unitB].sort());
      const own = await (await as('fillerB')).get('/api/dashboard?year=2031');
      expect(own.body.total).toBe(1);
      expect(own.body.units).toMatchObject([{ unitId: people.unitB, count: 1 }]);
      const exported = await (await as('fillerB')).get(`/api/evaluations/${b.id}/export?format=json`);
      expect(exported.status).toBe(200);
      expect(exported.headers.get('content-disposition')).toMatch(/attachment/);
      expect(exported.body.year).toBe(2031);
      const xlsx = await fetch(`${server.url}/api/evaluations/${b.id}/export?format=xlsx`, {
        headers: { cookie: (await as('fillerB')).cookie ?? '' },
      });
      expect(xlsx.status).toBe(200);
      expect(xlsx.headers.get('content-type')).toContain('spreadsheetml');
      expect(xlsx.headers.get('content-disposition')).toContain('.xlsx');
      // a real Office file: a zip holding the workbook
      const bytes = new Uint8Array(await xlsx.arrayBuffer());
      expect([bytes[0], bytes[1]]).toEqual([0x50, 0x4b]);
    });

    it('serves OpenAPI generated from the route table, and a pointer at /', async () => {
      const pub = apiClient(server.url);
      const doc = await pub.get('/api/openapi.json');
      expect(doc.status).toBe(200);
      expect(doc.body.openapi).toBe('3.1.0');
      for (const path of [
        '/api/auth/login',
        '/api/evaluations',
        '/api/evaluations/{id}',
        '/api/evaluations/{id}/submit',
        '/api/evaluations/{id}/return',
        '/api/evaluations/import',
        '/api/dashboard',
        '/api/public/evaluations/{id}',
      ]) {
        expect(doc.body.paths[path], path).toBeDefined();
      }
      expect(doc.body.paths['/api/evaluations/{id}'].put.parameters).toEqual(
        expect.arrayContaining([expect.objectContaining({ name: 'If-Match', in: 'header' })]),
      );
      expect(doc.body.components.schemas.Evaluation.properties.indicators).toBeDefined();
      // the pages (or, without a build, a page saying how to make one), never an API error
      const root = await pub.get('/');
      expect(root.status).toBe(200);
      expect(root.text).toMatch(/<html lang="zh-CN">/i);
      const none = await pub.get('/api/nothing-here');
      expect(none.status).toBe(404);
      expect(none.body.error.code).toBe('no-such-endpoint');
    });
  });
});
