/** Three rounds of the crash storm (the long run is `npx tsx scripts/crash-storm.ts`, 100 rounds). */
import { expect, it } from 'vitest';
import { crashStorm } from './crash-storm-lib.ts';

it('loses no acknowledged write and keeps the file whole through SIGKILLs mid-storm', async () => {
  const r = await crashStorm({ rounds: 3, clients: 4, log: (line) => console.log(line) });
  expect(r.rounds).toBe(3);
  expect(r.corrupt).toEqual([]);
  expect(r.lost).toEqual([]);
  expect(r.unexpected).toEqual([]);
  expect(r.acknowledged).toBeGreaterThan(0);
}, 240_000);
