/**
 * Reading a file of any format leaves the engine's built-ins as they were: pdf.js's core-js
 * replaced JSON.stringify, JSON.parse and Array.prototype.push for the whole process, and
 * everything after the first PDF ran on its slower copies.
 */
import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { importBytes } from '../index.ts';
import { keepingNativeBuiltins } from './native-builtins.ts';

const fixtures = new URL('../../fixtures/', import.meta.url);
const file = (name: string) => new Uint8Array(readFileSync(new URL(name, fixtures)));

const isNative = (f: unknown) =>
  typeof f === 'function' && Function.prototype.toString.call(f).includes('[native code]');

describe('keepingNativeBuiltins', () => {
  it('puts back a built-in the load replaced, says which, and keeps one it added', async () => {
    const stringify = JSON.stringify;
    const added = Symbol('added');
    const { value, restored } = await keepingNativeBuiltins(async () => {
      JSON.stringify = (v: unknown) => `replaced ${String(v)}`;
      (Promise as unknown as Record<symbol, unknown>)[added] = 1;
      return 'loaded';
    });
    try {
      expect(value).toBe('loaded');
      expect(JSON.stringify).toBe(stringify);
      expect(JSON.stringify({ a: 1 })).toBe('{"a":1}');
      expect(restored).toEqual(['JSON.stringify']);
      expect((Promise as unknown as Record<symbol, unknown>)[added]).toBe(1);
    } finally {
      delete (Promise as unknown as Record<symbol, unknown>)[added];
    }
  });

  it('puts them back when the load fails too', async () => {
    const push = Array.prototype.push;
    await expect(
      keepingNativeBuiltins(async () => {
        Array.prototype.push = () => 0;
        throw new Error('加载失败');
      }),
    ).rejects.toThrow('加载失败');
    expect(Array.prototype.push).toBe(push);
  });
});

describe('reading every format', () => {
  it('leaves JSON and Array.prototype.push native, and the PDF still reads', async () => {
    const files: [string, Uint8Array][] = [
      ['seed-hubei-dept-2023.pdf', file('pdf/seed-hubei-dept-2023.pdf')],
      ['anhui-project-2022-borderless.pdf', file('pdf/anhui-project-2022-borderless.pdf')],
      ['seed-hubei-dept-2023.xlsx', file('seed-hubei-dept-2023.xlsx')],
      ['project-merged.docx', file('project-merged.docx')],
      ['seed-hubei-dept-2023.html', file('seed-hubei-dept-2023.html')],
      ['budget.gbk.csv', file('budget.gbk.csv')],
    ];
    for (const [name, bytes] of files) {
      const results = await importBytes(bytes, name);
      expect(results.length, name).toBeGreaterThan(0);
      if (name === 'seed-hubei-dept-2023.pdf') {
        const first = results[0];
        expect(first && 'evaluation' in first ? first.evaluation.indicators.length : 0).toBeGreaterThan(10);
      }
    }
    for (const f of [JSON.stringify, JSON.parse, Array.prototype.push, Array.prototype.map, Object.assign]) {
      expect(isNative(f), f.name).toBe(true);
    }
  }, 60_000);
});
