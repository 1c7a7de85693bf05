/** People, units and forms for tests: two units (A and B) and one user of every role. */
import { readFileSync } from 'node:fs';
import type { Evaluation } from '@jixiao/core';
import { beforeAll } from 'vitest';
import { createUnit } from '../commands/createUnit.ts';
import { createUserUnchecked } from '../commands/createUser.ts';
import type { Actor, Role } from '../domain.ts';
import { newId } from '../ids.ts';
import type { DialectName } from '../store/dialect.ts';
import type { Db } from '../store/schema.ts';
import { type TestStore, useTestStore } from './databases.ts';

export const TEST_PASSWORD = 'test-password-1';

export interface People {
  unitA: string;
  unitB: string;
  admin: Actor;
  reviewer: Actor;
  fillerA: Actor;
  approverA: Actor;
  fillerB: Actor;
  approverB: Actor;
}

/** Adds two units and six accounts; `tag` keeps the names apart when a suite calls it twice. */
export async function seedPeople(db: Db, tag = newId().slice(0, 6)): Promise<People> {
  const add = async (name: string, role: Role, unitId: string | null): Promise<Actor> => {
    const u = await createUserUnchecked(db, null, {
      username: `${name}-${tag}`,
      password: TEST_PASSWORD,
      displayName: `${name}（${tag}）`,
      role,
      unitId,
    });
    return { id: u.id, username: u.username, displayName: u.displayName, role: u.role, unitId: u.unitId };
  };
  const admin = await add('admin', 'admin', null);
  const a = await createUnit(db, admin, { name: `甲单位-${tag}`, kind: 'unit' });
  const b = await createUnit(db, admin, { name: `乙单位-${tag}`, kind: 'unit' });
  return {
    unitA: a.id,
    unitB: b.id,
    admin,
    reviewer: await add('reviewer', 'reviewer', null),
    fillerA: await add('filler-a', 'filler', a.id),
    approverA: await add('approver-a', 'approver', a.id),
    fillerB: await add('filler-b', 'filler', b.id),
    approverB: await add('approver-b', 'approver', b.id),
  };
}

/** A suite's store with people seeded in it, from `useSeededStore`. */
export interface SeededStore {
  /** the store and its database; call inside a test */
  testStore: () => TestStore;
  /** the store's database handle; call inside a test */
  db: () => Db;
  /** filled in before the suite's tests run, so tests can name `people.fillerA` directly */
  people: People;
}

/**
 * `useTestStore` with `seedPeople` run in it before the suite's tests: the setup most store
 * suites share. A suite that needs more rows adds its own `beforeAll` after this call, which
 * runs after the seeding.
 */
export function useSeededStore(dialect: DialectName): SeededStore {
  const testStore = useTestStore(dialect);
  const db = () => testStore().store.db;
  // One object, filled in place, so the suite can hold it before the database exists.
  const people = {} as People;
  beforeAll(async () => {
    Object.assign(people, await seedPeople(db()));
  }, 60_000);
  return { testStore, db, people };
}

function demoJson(name: string): unknown {
  return JSON.parse(readFileSync(new URL(`../demo/data/${name}.json`, import.meta.url), 'utf8'));
}

/** The seed form (a Hubei department form for 2023), as a plain JSON object. */
export function seedDocument(): Evaluation {
  return demoJson('seed-hubei-dept-2023') as Evaluation;
}

/** A small, clean national project form with weights, for tests that edit values. */
export function projectDocument(over: Partial<Evaluation> = {}): Evaluation {
  return {
    ...(demoJson('anhui-project-2022') as Evaluation),
    ...over,
  };
}

/** `projectDocument` as targets are declared: no actual values, scores or reported total yet. */
export function targetsDocument(over: Partial<Evaluation> = {}): Evaluation {
  const doc = projectDocument(over);
  return {
    ...doc,
    indicators: doc.indicators.map((i) => ({
      ...i,
      actual: { raw: '' },
      score: null,
    })) as Evaluation['indicators'],
    totalReported: null,
  };
}
