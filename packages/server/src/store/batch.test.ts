/**
 * Lookups asked in one turn of the event loop go out together, each answered with its own
 * answer; a failed batch fails each of its lookups; later turns make batches of their own.
 */
import { describe, expect, it } from 'vitest';
import { batchPerTurn } from './batch.ts';

function recording(answer: (k: number) => string = (k) => `answer ${k}`) {
  const runs: number[][] = [];
  const lookup = batchPerTurn<number, string>(async (keys) => {
    runs.push([...keys]);
    return keys.map(answer);
  }, 3);
  return { runs, lookup };
}

describe('batchPerTurn', () => {
  it('sends the lookups of one turn together, at most maxKeys at a time, each answered in its place', async () => {
    const { runs, lookup } = recording();
    const answers = await Promise.all([1, 2, 3, 4, 5].map(lookup));
    expect(answers).toEqual(['answer 1', 'answer 2', 'answer 3', 'answer 4', 'answer 5']);
    expect(runs).toEqual([
      [1, 2, 3],
      [4, 5],
    ]);
  });

  it('gives a lookup of a later turn a batch of its own', async () => {
    const { runs, lookup } = recording();
    expect(await lookup(1)).toBe('answer 1');
    await new Promise((r) => setImmediate(r));
    const later = await Promise.all([lookup(2), lookup(3)]);
    expect(later).toEqual(['answer 2', 'answer 3']);
    expect(runs).toEqual([[1], [2, 3]]);
  });

  it('gathers lookups asked from promise callbacks of the same turn', async () => {
    const { runs, lookup } = recording();
    const asked = [1, 2, 3].map((k) => Promise.resolve().then(() => lookup(k)));
    expect(await Promise.all(asked)).toEqual(['answer 1', 'answer 2', 'answer 3']);
    expect(runs).toEqual([[1, 2, 3]]);
  });

  it('fails every lookup of a failed batch with its error, and the next batch is asked again', async () => {
    let fail = true;
    const lookup = batchPerTurn<number, number>(async (keys) => {
      if (fail) throw new Error('数据库不可用');
      return keys.map((k) => k * 2);
    }, 10);
    const failed = await Promise.allSettled([lookup(1), lookup(2)]);
    expect(failed.map((r) => r.status === 'rejected' && (r.reason as Error).message)).toEqual([
      '数据库不可用',
      '数据库不可用',
    ]);
    fail = false;
    expect(await Promise.all([lookup(3), lookup(4)])).toEqual([6, 8]);
  });

  it('refuses a batch answered with a different number of answers than it asked', async () => {
    const lookup = batchPerTurn<number, number>(async (keys) => keys.slice(1), 10);
    const r = await Promise.allSettled([lookup(1), lookup(2)]);
    expect(r.map((x) => x.status)).toEqual(['rejected', 'rejected']);
    expect(String((r[0] as PromiseRejectedResult).reason)).toMatch(/1 answers for 2 keys/);
  });
});
