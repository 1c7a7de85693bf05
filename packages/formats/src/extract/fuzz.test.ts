/**
 * The importer never throws, whatever the text: random strings, and real samples with lines
 * dropped, duplicated, cut or shuffled, always give results (evaluations or errors), and every
 * evaluation passes the model's validation. Bounded in count so the suite stays fast.
 */
import { existsSync, readdirSync, readFileSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import { validate } from '@jixiao/core';
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { importText } from './index.ts';

const SAMPLES = fileURLToPath(new URL('../../../../../shared/samples/', import.meta.url));
const texts = existsSync(SAMPLES)
  ? readdirSync(SAMPLES)
      .filter((f) => /\.(md|txt)$/.test(f) && f !== 'README.md')
      .map((f) => readFileSync(SAMPLES + f, 'utf8'))
  : [];

function holds(text: string): boolean {
  const results = importText(text, 'fuzz.txt');
  if (results.length === 0) return false;
  for (const r of results) {
    if ('error' in r) {
      if (typeof r.error.message !== 'string' || r.error.message.length === 0) return false;
    } else if (!validate(JSON.parse(JSON.stringify(r.evaluation))).ok) return false;
  }
  return true;
}

const CELLS = [
  '|',
  '||||',
  '产出指标',
  '数量指标',
  '一级指标',
  '二级指标',
  '三级指标',
  '得分',
  '分值',
  '≥90%',
  '100',
  '指标1:',
  '……',
  '其中',
  '总分',
  '年度目标 1:',
  '\n',
  ' ',
  '(50分)',
  '预算执行情况(20分)',
  '年度资金总额',
  '---',
];

describe('importText on damaged input', () => {
  it('never throws on random text built from form words', () => {
    fc.assert(
      fc.property(fc.array(fc.constantFrom(...CELLS), { maxLength: 80 }), (parts) => holds(parts.join(' '))),
      { numRuns: 150 },
    );
    fc.assert(
      fc.property(fc.string({ maxLength: 300 }), (s) => holds(s)),
      { numRuns: 150 },
    );
  });

  it('never throws on samples with lines dropped, repeated, cut or shuffled', () => {
    expect(texts.length).toBeGreaterThan(0);
    fc.assert(
      fc.property(
        fc.constantFrom(...texts),
        fc.array(fc.tuple(fc.nat(), fc.constantFrom('drop', 'repeat', 'cut', 'swap')), { maxLength: 12 }),
        (text, edits) => {
          const lines = text.split('\n');
          for (const [n, edit] of edits) {
            if (lines.length === 0) break;
            const i = n % lines.length;
            if (edit === 'drop') lines.splice(i, 1);
            else if (edit === 'repeat') lines.splice(i, 0, lines[i]!);
            else if (edit === 'cut') lines[i] = lines[i]!.slice(0, Math.floor(lines[i]!.length / 2));
            else {
              const j = (i + 1) % lines.length;
              [lines[i], lines[j]] = [lines[j]!, lines[i]!];
            }
          }
          return holds(lines.join('\n'));
        },
      ),
      { numRuns: 200 },
    );
  });
});
