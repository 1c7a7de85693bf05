/** What anyone may read without signing in: published snapshots, nothing else. */
import { refuse } from '../commands/problem.ts';
import { canReadSnapshot } from '../policies/snapshots.ts';
import {
  latestSnapshot,
  listPublished,
  type Snapshot,
  type SnapshotSummary,
} from '../store/repos/snapshots.ts';
import type { Db } from '../store/schema.ts';

export async function publishedList(
  db: Db,
  filter: { year?: number; unitName?: string; kind?: 'department' | 'project' },
  page: { limit: number; offset: number },
): Promise<{ items: SnapshotSummary[]; total: number }> {
  if (!canReadSnapshot(null)) return { items: [], total: 0 };
  return listPublished(db, filter, page);
}

export async function publishedEvaluation(db: Db, evaluationId: string): Promise<Snapshot> {
  const s = canReadSnapshot(null) ? await latestSnapshot(db, evaluationId) : undefined;
  if (!s) refuse('not-found', 'not-found', '没有找到已公开的自评表。');
  return s;
}
