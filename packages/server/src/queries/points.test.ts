/**
 * The stats page's scatter on both databases: each placed form as the list reports it (id,
 * unit, project, total, rate, grade, in the list's order), forms lacking a total or a rate
 * counted apart, the scope held, and a kept answer replaced after the next save.
 */
import { beforeAll, expect, it } from 'vitest';
import { createEvaluation } from '../commands/createEvaluation.ts';
import { saveEvaluation } from '../commands/saveEvaluation.ts';
import type { Actor } from '../domain.ts';
import { evaluationSummaryView } from '../http/views.ts';
import { newId } from '../ids.ts';
import { type BulkEvaluation, insertEvaluationsBulk } from '../store/repos/bulk.ts';
import type { EvaluationRecord } from '../store/repos/evaluations.ts';
import { describeEachBackend } from '../testing/databases.ts';
import { projectDocument, useSeededStore } from '../testing/fixtures.ts';
import { evaluationList } from './evaluations.ts';
import { type Point, points, pointsJson } from './points.ts';

const YEAR = 2051;
const TOTALS = ['91.5', '60', '59.999999999999999999', '88.125', null, '100.00'];
const RATES = ['0.95', '1', '0.123456789', null, '1.05'];
const GRADES = ['优', '良', '中', '差', null];

describeEachBackend('dashboard points', (dialect) => {
  const { db, people: p } = useSeededStore(dialect);
  let original: EvaluationRecord;
  beforeAll(async () => {
    original = (
      await createEvaluation(db(), p.fillerA, {
        document: projectDocument({ year: YEAR + 1, project: '原表' }),
      })
    ).evaluation;
    const { unitName: _n, ...record } = original;
    const items: BulkEvaluation[] = [];
    for (let i = 0; i < 90; i++) {
      const department = i % 9 === 0;
      items.push({
        evaluation: {
          ...record,
          id: newId(),
          unitId: i % 3 === 0 ? p.unitB : p.unitA,
          year: YEAR,
          kind: department ? 'department' : 'project',
          project: department ? null : `散点${String(i % 40).padStart(2, '0')}`,
          grade: GRADES[i % GRADES.length] ?? null,
          total: TOTALS[i % TOTALS.length] ?? null,
          rate: RATES[i % RATES.length] ?? null,
        },
        documentJson: '{}',
        scoreJson: null,
        findings: [],
      });
    }
    // another stage and another year are not counted
    items.push({
      evaluation: {
        ...record,
        id: newId(),
        stage: 'targets',
        year: YEAR,
        project: '目标',
        total: '90',
        rate: '1',
      },
      documentJson: '{}',
      scoreJson: null,
      findings: [],
    });
    items.push({
      evaluation: { ...record, id: newId(), year: YEAR - 1, project: '去年', total: '90', rate: '1' },
      documentJson: '{}',
      scoreJson: null,
      findings: [],
    });
    await insertEvaluationsBulk(db(), items);
  }, 60_000);

  /** The year's forms as the list endpoint reports them, every page. */
  async function listed(actor: Actor, year: number) {
    const r = await evaluationList(
      db(),
      actor,
      { stage: 'self-evaluation', year },
      { limit: 10_000, offset: 0 },
    );
    return r.items.map(evaluationSummaryView);
  }
  const asPoint = (f: Awaited<ReturnType<typeof listed>>[number]): Point => [
    f.id,
    f.unit.name,
    f.project,
    f.total as number,
    f.executionRate as number,
    f.grade,
  ];

  it('answers each placed form as the list reports it, in the list order, and counts the rest', async () => {
    const forms = await listed(p.reviewer, YEAR);
    expect(forms.length).toBe(90);
    const placed = forms.filter((f) => f.total !== null && f.executionRate !== null);
    const answer = await points(db(), p.reviewer, YEAR);
    expect(answer.year).toBe(YEAR);
    expect(answer.count).toBe(90);
    expect(answer.unplaced).toBe(forms.length - placed.length);
    expect(answer.unplaced).toBeGreaterThan(0);
    expect(answer.points).toEqual(placed.map(asPoint));
    // department forms have no project
    expect(answer.points.some((x) => x[2] === null)).toBe(true);
  });

  it("keeps a unit's people to their unit", async () => {
    const own = await points(db(), p.fillerA, YEAR);
    const forms = await listed(p.fillerA, YEAR);
    expect(forms.every((f) => f.unit.id === p.unitA)).toBe(true);
    expect(own.count).toBe(forms.length);
    expect(own.points).toEqual(
      forms.filter((f) => f.total !== null && f.executionRate !== null).map(asPoint),
    );
    const other = await points(db(), p.fillerB, YEAR);
    expect(own.count + other.count).toBe(90);
    expect(other.points.every((x) => !own.points.some((y) => y[0] === x[0]))).toBe(true);
  });

  it('keeps the answer until the next write, then answers anew', async () => {
    const json = async () => JSON.parse(String(await pointsJson(db(), p.reviewer, YEAR + 1)));
    const first = await json();
    expect(first.count).toBe(1);
    expect(String(await pointsJson(db(), p.reviewer, YEAR + 1))).toBe(JSON.stringify(first));
    const projectOf = (answer: { points: Point[] }) =>
      answer.points.find((x) => x[0] === original.id)?.[2] ?? null;
    expect(projectOf(first)).toBe('原表');
    await saveEvaluation(db(), p.fillerA, {
      id: original.id,
      expectedVersion: original.version,
      document: projectDocument({ year: YEAR + 1, project: '改名后' }),
    });
    const after = await json();
    const forms = await listed(p.reviewer, YEAR + 1);
    expect(after.count).toBe(1);
    expect(after.points).toEqual(
      forms.filter((f) => f.total !== null && f.executionRate !== null).map(asPoint),
    );
    expect(JSON.stringify(after)).not.toBe(JSON.stringify(first));
    // each scope has its own answer
    expect(JSON.parse(String(await pointsJson(db(), p.fillerB, YEAR + 1))).count).toBe(0);
  });
});
