/**
 * Where the shared sample forms are: `$JIXIAO_SAMPLES`, else `../shared/samples` beside the
 * repository (as on every developer machine and in CI). Tests that use them fail loudly when
 * they are missing rather than skipping, so a green run always means the samples were checked.
 */
import { existsSync, readdirSync, readFileSync } from 'node:fs';
import { join, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';

export const REPO_ROOT = resolve(fileURLToPath(new URL('..', import.meta.url)));

export function samplesDir(): string {
  const dir = process.env.JIXIAO_SAMPLES ?? resolve(REPO_ROOT, '../shared/samples');
  if (!existsSync(dir)) {
    throw new Error(
      `sample forms not found at ${dir}: set JIXIAO_SAMPLES to the folder of *.expected.json files`,
    );
  }
  return dir;
}

export interface Sample {
  name: string;
  /** the form's text file */
  file: string;
  text: string;
  expected: Record<string, unknown>;
}

/** Every sample form with its expected extraction, in name order. */
export function loadSamples(): Sample[] {
  const dir = samplesDir();
  return readdirSync(dir)
    .filter((f) => f.endsWith('.expected.json'))
    .sort()
    .map((f) => {
      const name = f.replace(/\.expected\.json$/, '');
      const textFile = readdirSync(dir).find((g) => g.startsWith(`${name}.`) && !g.endsWith('.json'));
      if (!textFile) throw new Error(`sample ${name} has no form file beside its expected.json`);
      return {
        name,
        file: join(dir, textFile),
        text: readFileSync(join(dir, textFile), 'utf8'),
        expected: JSON.parse(readFileSync(join(dir, f), 'utf8')),
      };
    });
}
