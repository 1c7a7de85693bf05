/** People, units and forms for tests: two units (A and B) and one user of every role. */
import { readFileSync } from 'node:fs';
import type { Evaluation } from '@jixiao/core';
import { createUnit } from '../commands/createUnit.ts';
import { createUserUnchecked } from '../commands/createUser.ts';
import type { Actor, Role } from '../domain.ts';
import { newId } from '../ids.ts';
import type { Db } from '../store/schema.ts';

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
