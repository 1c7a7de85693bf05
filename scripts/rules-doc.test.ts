import { readFileSync } from 'node:fs';
import { CHECK_RULES } from '@jixiao/core';
import { describe, expect, it } from 'vitest';
import { renderRulesDoc } from './rules-doc.ts';

describe('docs/rules.md', () => {
  it('is the catalogue as it is now (run `npm run docs:rules` after changing a rule)', () => {
    const onDisk = readFileSync(new URL('../docs/rules.md', import.meta.url), 'utf8');
    expect(onDisk).toBe(renderRulesDoc());
  });
  it('lists every rule once, with a unique kebab-case code', () => {
    const codes = CHECK_RULES.map((r) => r.code);
    expect(new Set(codes).size).toBe(codes.length);
    for (const code of codes) expect(code).toMatch(/^[a-z0-9]+(-[a-z0-9]+)*$/);
    for (const code of codes) expect(renderRulesDoc()).toContain(`\`${code}\``);
  });
});
