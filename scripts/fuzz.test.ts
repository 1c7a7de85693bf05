/**
 * The CI's short fuzzing run (the long runs are `npm run fuzz -- --count 1000000`): about 15
 * seconds of random and mutated inputs to the readers, parseValue, validate and the API, none
 * of which may crash, hang or answer 5xx. JIXIAO_FUZZ_SEED picks another seed.
 */
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { expect, it } from 'vitest';
import { runFuzz, summary, TARGETS } from './fuzz-lib.ts';

it('survives a short fuzzing run of every target', async () => {
  const dir = mkdtempSync(join(tmpdir(), 'jixiao-fuzz-ci-'));
  try {
    const stats = await runFuzz({
      seed: Number(process.env.JIXIAO_FUZZ_SEED ?? 20261127),
      seconds: 15,
      failureDir: dir,
    });
    console.log(summary(stats));
    for (const t of TARGETS) expect(stats.inputs[t], t).toBeGreaterThan(0);
    expect(stats.failures.map((f) => `${f.target}:${f.index} ${f.kind} ${f.message.slice(0, 300)}`)).toEqual(
      [],
    );
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
}, 90_000);
