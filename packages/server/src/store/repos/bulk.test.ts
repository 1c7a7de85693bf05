/**
 * Bulk loading, on both databases: what insertEvaluationsBulk writes reads back through the
 * ordinary repositories and the dashboard like a form the commands made, a failing batch writes
 * nothing, and the dashboard copes with more evaluations than either backend binds parameters.
 */
import { beforeAll, expect, it } from 'vitest';
import { createEvaluation } from '../../commands/createEvaluation.ts';
import { newId } from '../../ids.ts';
import { dashboard } from '../../queries/dashboard.ts';
import { describeEachBackend } from '../../testing/databases.ts';
import { projectDocument, useSeededStore } from '../../testing/fixtures.ts';
import { type BulkEvaluation, insertEvaluationsBulk } from './bulk.ts';
import { type EvaluationRecord, findEvaluation, listEvaluations } from './evaluations.ts';
import { listFindings } from './findings.ts';
import { findVersion } from './versions.ts';

describeEachBackend('bulk loading', (dialect) => {
  const { db, people: p } = useSeededStore(dialect);
  let original: EvaluationRecord;
  let copies: BulkEvaluation[];
  beforeAll(async () => {
    original = (
      await createEvaluation(db(), p.fillerA, {
        document: projectDocument({ year: 2021, project: '原表' }),
      })
    ).evaluation;
  }, 60_000);

  function copiesOf(n: number, over: Partial<EvaluationRecord>, documentJson: string, findings = true) {
    return async (): Promise<BulkEvaluation[]> => {
      const v = await findVersion(db(), original.id, original.version);
      const fs = await listFindings(db(), original.id, original.version);
      if (!v) throw new Error('the original has no version');
      const { unitName: _unitName, ...record } = original;
      return Array.from({ length: n }, (_, i) => ({
        evaluation: { ...record, id: newId(), project: `副本${i}`, ...over },
        documentJson: documentJson || JSON.stringify(v.document),
        scoreJson: JSON.stringify(v.score),
        findings: findings ? fs : [],
      }));
    };
  }

  it('writes rows that read back like the form the commands made, in batches past one statement', async () => {
    copies = await copiesOf(1200, { unitId: p.unitB, year: 2020 }, '')();
    await insertEvaluationsBulk(db(), copies);
    const listed = await listEvaluations(db(), { unitId: p.unitB, year: 2020 }, { limit: 5, offset: 0 });
    expect(listed.total).toBe(1200);
    const copy = copies[1199] as BulkEvaluation;
    const read = await findEvaluation(db(), copy.evaluation.id);
    expect(read).toMatchObject({ unitId: p.unitB, total: original.total, grade: original.grade });
    expect((await findVersion(db(), copy.evaluation.id, 1))?.document).toEqual(
      (await findVersion(db(), original.id, 1))?.document,
    );
    expect(await listFindings(db(), copy.evaluation.id, 1)).toEqual(await listFindings(db(), original.id, 1));

    const d = await dashboard(db(), p.reviewer, { year: 2020 });
    expect(d.total).toBe(1200);
    const perForm = copy.findings.length;
    expect(perForm).toBeGreaterThan(0);
    expect(d.findingsByRule.reduce((sum, r) => sum + r.count, 0)).toBe(1200 * perForm);
  });

  it('writes nothing when one row of the batch fails', async () => {
    const batch = await copiesOf(600, { unitId: p.unitB, year: 2019 }, '')();
    // the last one repeats an id that exists: the whole call is refused
    batch.push({ ...(copies[0] as BulkEvaluation) });
    await expect(insertEvaluationsBulk(db(), batch)).rejects.toThrow();
    expect((await listEvaluations(db(), { year: 2019 }, { limit: 1, offset: 0 })).total).toBe(0);
  });

  it('counts a dashboard of more evaluations than a query may bind parameters', async () => {
    // 33,000 is over SQLite's 32,766 bound parameters (PostgreSQL's limit, 65,535, would make
    // the test slow); tiny documents keep it quick: the dashboard reads the summary columns only
    const many = await copiesOf(33_000, { unitId: p.unitB, year: 2018 }, '{}', false)();
    for (let i = 0; i < many.length; i += 10_000)
      await insertEvaluationsBulk(db(), many.slice(i, i + 10_000));
    const d = await dashboard(db(), p.reviewer, { year: null });
    expect(d.total).toBe(33_000 + 1200 + 1);
  }, 120_000);
});
