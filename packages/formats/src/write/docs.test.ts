import { readFileSync, writeFileSync } from 'node:fs';
import { type Evaluation, validate } from '@jixiao/core';
import { describe, expect, it } from 'vitest';
import { loadSamples } from '../../../../test-support/samples.ts';
import { GALLERY_BEGIN, GALLERY_END, renderGallery } from './docs.ts';
import { EXPORT_LAYOUTS } from './layout/index.ts';

const DOC = new URL('../../../../docs/export.md', import.meta.url);

function sample(name: string): Evaluation {
  const v = validate(loadSamples().find((s) => s.name === name)!.expected);
  if (!v.ok) throw new Error(name);
  return v.evaluation;
}

const EXAMPLES = [
  ['hubei-department', 'seed-hubei-dept-2023'],
  ['hubei-project', 'yunnan-project-2019'],
  ['national-project', 'anhui-project-2022'],
  ['sichuan-2023', 'sichuan-510000-template-2023'],
] as const;

describe('docs/export.md', () => {
  it('shows every layout as the exporter draws it now (JIXIAO_UPDATE_DOCS=1 rewrites the gallery)', () => {
    const gallery = renderGallery(
      EXAMPLES.map(([layout, name]) => ({
        layout,
        source: `${name}.expected.json`,
        evaluation: sample(name),
      })),
    );
    const doc = readFileSync(DOC, 'utf8');
    const from = doc.indexOf(GALLERY_BEGIN);
    const to = doc.indexOf(GALLERY_END);
    expect(from, 'gallery markers in docs/export.md').toBeGreaterThanOrEqual(0);
    const current = doc.slice(from, to + GALLERY_END.length);
    if (process.env.JIXIAO_UPDATE_DOCS === '1' && current !== gallery) {
      writeFileSync(DOC, doc.slice(0, from) + gallery + doc.slice(to + GALLERY_END.length));
      return;
    }
    expect(current).toBe(gallery);
    expect(EXAMPLES.map(([id]) => id).sort()).toEqual(EXPORT_LAYOUTS.map((l) => l.id).sort());
  });
});
