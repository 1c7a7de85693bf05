/**
 * The reviewer publishes an accepted form: a snapshot of the current version, its score and
 * findings is frozen for the public. Later edits (after a return) do not touch it; publishing
 * again adds a newer snapshot.
 */
import type { Actor } from '../domain.ts';
import { newId } from '../ids.ts';
import type { EvaluationRecord } from '../store/repos/evaluations.ts';
import { listFindings } from '../store/repos/findings.ts';
import { insertSnapshot } from '../store/repos/snapshots.ts';
import { findVersion } from '../store/repos/versions.ts';
import type { Db } from '../store/schema.ts';
import { transition } from './common.ts';

export function publishEvaluation(
  db: Db,
  actor: Actor | null,
  input: { id: string },
): Promise<EvaluationRecord> {
  return transition(db, actor, input.id, 'publish', 'published', {
    also: async (trx, e, at) => {
      const v = await findVersion(trx, e.id, e.version);
      if (!v) throw new Error(`version ${e.version} of ${e.id} is missing`);
      const id = newId();
      await insertSnapshot(trx, {
        id,
        evaluationId: e.id,
        version: e.version,
        document: v.document,
        score: v.score,
        findings: await listFindings(trx, e.id, e.version),
        unitName: e.unitName,
        kind: e.kind,
        year: e.year,
        project: e.project,
        total: e.total,
        totalReported: e.totalReported,
        totalComputed: e.totalComputed,
        grade: e.grade,
        publishedBy: actor?.id ?? '',
        publishedAt: at,
      });
      return { snapshotId: id };
    },
  });
}
