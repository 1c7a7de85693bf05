/** Units, accounts, signing in and out, and the login rate limit, on both databases. */
import { describe, expect, it } from 'vitest';
import { nowIso } from '../store/dialect.ts';
import { listEvents } from '../store/repos/audit.ts';
import { findLiveSession } from '../store/repos/sessions.ts';
import { BACKENDS } from '../testing/databases.ts';
import { TEST_PASSWORD, useSeededStore } from '../testing/fixtures.ts';
import { refusal } from '../testing/refusal.ts';
import { createUnit } from './createUnit.ts';
import { createUser } from './createUser.ts';
import { logIn, sessionIdOf } from './logIn.ts';
import { logOut } from './logOut.ts';

describe.each(BACKENDS)('accounts on %s', (dialect) => {
  const { db, people: p } = useSeededStore(dialect);

  it('lets only the admin create units, in a hierarchy of departments', async () => {
    const dept = await createUnit(db(), p.admin, { name: '某市财政局（测试）', kind: 'department' });
    const unit = await createUnit(db(), p.admin, { name: '某市财政局信息中心（测试）', parentId: dept.id });
    expect(unit).toMatchObject({ kind: 'unit', parentId: dept.id });
    expect(await refusal(createUnit(db(), p.admin, { name: '下级的下级', parentId: unit.id }))).toMatchObject(
      {
        code: 'parent-not-department',
      },
    );
    expect(await refusal(createUnit(db(), p.admin, { name: '某市财政局（测试）' }))).toMatchObject({
      kind: 'conflict',
      code: 'unit-exists',
    });
    expect(await refusal(createUnit(db(), p.reviewer, { name: '新单位' }))).toMatchObject({
      kind: 'forbidden',
    });
    const events = await listEvents(db(), { entityType: 'unit', entityId: unit.id });
    expect(events[0]).toMatchObject({
      action: 'unit.create',
      actorId: p.admin.id,
      after: { parentId: dept.id },
    });
  });

  it('creates accounts with a salted hash, never recording the password', async () => {
    const u = await createUser(db(), p.admin, {
      username: 'new-filler',
      password: 'a-long-password',
      role: 'filler',
      unitId: p.unitA,
    });
    expect(u).toMatchObject({ username: 'new-filler', role: 'filler', unitId: p.unitA });
    const hashes = await db()
      .selectFrom('users')
      .select('password_hash')
      .where('username', 'in', ['new-filler'])
      .execute();
    expect(hashes[0]?.password_hash).toMatch(/^scrypt\$/);
    expect(hashes[0]?.password_hash).not.toContain('a-long-password');
    const events = await listEvents(db(), { entityType: 'user', entityId: u.id });
    expect(JSON.stringify(events)).not.toContain('a-long-password');
    expect(JSON.stringify(events)).not.toContain('scrypt');

    expect(
      await refusal(
        createUser(db(), p.admin, { username: 'x1', password: 'short', role: 'filler', unitId: p.unitA }),
      ),
    ).toMatchObject({ code: 'weak-password' });
    expect(
      await refusal(createUser(db(), p.admin, { username: 'x2', password: 'long-enough', role: 'filler' })),
    ).toMatchObject({ code: 'unit-required' });
    expect(
      await refusal(
        createUser(db(), p.admin, {
          username: 'x3',
          password: 'long-enough',
          role: 'reviewer',
          unitId: p.unitA,
        }),
      ),
    ).toMatchObject({ code: 'unit-not-allowed' });
    expect(
      await refusal(
        createUser(db(), p.admin, { username: 'new-filler', password: 'long-enough', role: 'reviewer' }),
      ),
    ).toMatchObject({ kind: 'conflict', code: 'user-exists' });
    expect(
      await refusal(createUser(db(), p.fillerA, { username: 'x4', password: 'long-enough', role: 'admin' })),
    ).toMatchObject({ kind: 'forbidden' });
  });

  it('signs in with a new session each time and signs out for good', async () => {
    const a = await logIn(db(), {
      username: p.fillerA.username,
      password: TEST_PASSWORD,
      address: '10.0.0.1',
    });
    const b = await logIn(db(), {
      username: p.fillerA.username,
      password: TEST_PASSWORD,
      address: '10.0.0.1',
    });
    expect(a.token).not.toBe(b.token);
    expect(a.actor).toMatchObject({ id: p.fillerA.id, role: 'filler', unitId: p.unitA });
    const live = await findLiveSession(db(), sessionIdOf(a.token), nowIso());
    expect(live?.user.id).toBe(p.fillerA.id);
    expect(live?.session.csrfToken).toBe(a.csrfToken);
    // Only the hash of the token is stored.
    expect(await findLiveSession(db(), a.token, nowIso())).toBeUndefined();

    await logOut(db(), a.actor, sessionIdOf(a.token));
    expect(await findLiveSession(db(), sessionIdOf(a.token), nowIso())).toBeUndefined();
    expect(await findLiveSession(db(), sessionIdOf(b.token), nowIso())).toBeDefined();
  });

  it('says the same for an unknown name and a wrong password, and locks a name after repeated failures', async () => {
    const unknown = await refusal(
      logIn(db(), { username: 'nobody', password: 'whatever', address: '10.0.0.2' }),
    );
    const wrong = await refusal(
      logIn(db(), { username: p.approverB.username, password: 'wrong', address: '10.0.0.2' }),
    );
    expect(unknown).toMatchObject({ kind: 'unauthenticated', code: 'bad-credentials' });
    expect(wrong.message).toBe(unknown.message);
    for (let i = 0; i < 4; i++) {
      await refusal(logIn(db(), { username: p.approverB.username, password: 'wrong', address: '10.0.0.3' }));
    }
    const locked = await refusal(
      logIn(db(), { username: p.approverB.username, password: TEST_PASSWORD, address: '10.0.0.4' }),
    );
    expect(locked).toMatchObject({ kind: 'rate-limited', code: 'too-many-attempts' });
    expect(locked.details?.retryAfter).toBeGreaterThan(0);
    // Another account is not affected.
    await expect(
      logIn(db(), { username: p.approverA.username, password: TEST_PASSWORD, address: '10.0.0.4' }),
    ).resolves.toBeDefined();
    const failures = await listEvents(db(), { entityType: 'user', entityId: p.approverB.id });
    expect(failures.filter((e) => e.action === 'auth.login-failed')).toHaveLength(5);
  });
});
