/**
 * Creates a form: a self-evaluation or a target declaration from a canonical document, or a
 * self-evaluation from approved targets (targets and weights then locked).
 */
import { DEFAULT_PROFILE_ID, type Evaluation } from '@jixiao/core';
import type { Actor, Stage } from '../domain.ts';
import {
  auditState,
  profileOrRefuse,
  validDocument,
  type WrittenVersion,
  writeVersion,
} from '../evaluations/persist.ts';
import { selfEvaluationFrom } from '../evaluations/targets.ts';
import { newId } from '../ids.ts';
import { decideCreate } from '../policies/evaluations.ts';
import { nowIso } from '../store/dialect.ts';
import { recordEvent } from '../store/repos/audit.ts';
import {
  type EvaluationRecord,
  findEvaluation,
  insertEvaluation,
  listFromTargets,
  setSummary,
} from '../store/repos/evaluations.ts';
import { findRegion } from '../store/repos/regions.ts';
import { findUnit, findUnitByName, insertUnit, type Unit } from '../store/repos/units.ts';
import { findVersion } from '../store/repos/versions.ts';
import type { Db } from '../store/schema.ts';
import { evaluationFor, inTransaction, requireActor } from './common.ts';
import { enforce, refuse } from './problem.ts';

export type CreateEvaluationInput =
  | {
      document: unknown;
      stage?: Stage;
      /** the unit the form belongs to; by default the actor's own, or the one the document names */
      unitId?: string;
      /** reviewers importing other units' published forms: create a unit the document names */
      createMissingUnit?: boolean;
      /** where the document came from (a file on the server's console …), kept in the audit event */
      origin?: Record<string, unknown>;
    }
  | { fromTargets: string };

export interface CreatedEvaluation {
  evaluation: EvaluationRecord;
  written: WrittenVersion;
}

export async function createEvaluation(
  db: Db,
  actorOrNull: Actor | null,
  input: CreateEvaluationInput,
): Promise<CreatedEvaluation> {
  const actor = requireActor(actorOrNull);
  return inTransaction(db, async (trx) => {
    const at = nowIso();
    let stage: Stage;
    let document: Evaluation;
    let unit: Unit;
    let targetsId: string | null = null;
    let targetsVersion: number | null = null;
    let profile: string;

    if ('fromTargets' in input) {
      const targets = await evaluationFor(trx, actor, input.fromTargets, 'createFromTargets');
      const existing = await listFromTargets(trx, targets.id);
      if (existing.length > 0) {
        refuse('state', 'already-created', '已依据这份批复的绩效目标建立了自评表，请直接打开它。', {
          details: { evaluationId: existing[0]?.id },
        });
      }
      const approved = targets.approvedVersion ?? targets.version;
      const v = await findVersion(trx, targets.id, approved);
      if (!v) refuse('state', 'targets-missing', '找不到批复的绩效目标版本。');
      stage = 'self-evaluation';
      document = selfEvaluationFrom(v.document);
      const u = await findUnit(trx, targets.unitId);
      if (!u) refuse('not-found', 'unknown-unit', '单位不存在。');
      unit = u;
      targetsId = targets.id;
      targetsVersion = approved;
      profile = targets.profile;
    } else {
      stage = input.stage ?? 'self-evaluation';
      document = validDocument(input.document);
      unit = await unitFor(trx, actor, input, document, at);
      enforce(decideCreate(actor, unit.id));
      profile = document.profile ?? (await regionProfile(trx, unit)) ?? DEFAULT_PROFILE_ID;
      await profileOrRefuse(trx, profile);
    }

    const id = newId();
    const base = {
      id,
      stage,
      kind: document.kind,
      status: 'draft' as const,
      unitId: unit.id,
      year: document.year,
      project: document.project,
      profile,
      version: 1,
      targetsId,
      targetsVersion,
      approvedVersion: null,
      createdBy: actor.id,
      createdAt: at,
      updatedAt: at,
    };
    // The row first (versions refer to it), its summary once the version is assessed.
    await insertEvaluation(trx, {
      ...base,
      total: null,
      totalReported: null,
      totalComputed: null,
      grade: null,
      rate: null,
      errorCount: 0,
      warningCount: 0,
      findingCounts: null,
    });
    const targets =
      targetsId === null
        ? null
        : ((await findVersion(trx, targetsId, targetsVersion ?? 0))?.document ?? null);
    const written = await writeVersion(trx, base, document, 1, targets, actor.id, at);
    await setSummary(trx, id, written.summary);
    const evaluation = await findEvaluation(trx, id);
    if (!evaluation) throw new Error('evaluation vanished inside its own transaction');
    await recordEvent(trx, {
      actor,
      action: 'evaluation.create',
      entityType: 'evaluation',
      entityId: id,
      evaluationId: id,
      before: null,
      after: {
        ...auditState(evaluation, written.summary),
        stage,
        kind: document.kind,
        unit: unit.name,
        year: document.year,
        project: document.project,
        profile,
        ...(targetsId ? { targetsId, targetsVersion } : {}),
        ...('origin' in input && input.origin ? { origin: input.origin } : {}),
      },
      at,
    });
    return { evaluation, written };
  });
}

async function regionProfile(db: Db, unit: Unit): Promise<string | null> {
  if (!unit.regionId) return null;
  return (await findRegion(db, unit.regionId))?.profileId ?? null;
}

async function unitFor(
  db: Db,
  actor: Actor,
  input: { unitId?: string; createMissingUnit?: boolean },
  document: Evaluation,
  at: string,
): Promise<Unit> {
  if (input.unitId) {
    const u = await findUnit(db, input.unitId);
    if (!u) refuse('invalid', 'unknown-unit', '指定的单位不存在。', { path: 'unitId' });
    return u;
  }
  if (actor.unitId) {
    const u = await findUnit(db, actor.unitId);
    if (u) return u;
  }
  const name = document.unit?.trim();
  if (!name) {
    refuse('invalid', 'unit-required', '请指定自评表所属的单位（自评表中也没有填写单位名称）。', {
      path: 'unit',
    });
  }
  const known = await findUnitByName(db, name);
  if (known) return known;
  if (!input.createMissingUnit || actor.role !== 'reviewer') {
    refuse('invalid', 'unknown-unit', `单位“${name}”尚未建立，请先由管理员新建该单位。`, { path: 'unit' });
  }
  const unit: Unit = { id: newId(), name, kind: 'unit', parentId: null, regionId: null, createdAt: at };
  await insertUnit(db, unit);
  await recordEvent(db, {
    actor,
    action: 'unit.create',
    entityType: 'unit',
    entityId: unit.id,
    after: { name, kind: 'unit', parentId: null, reason: '导入自评表时新建' },
    at,
  });
  return unit;
}
