import { type Evaluation, validate } from '@jixiao/core';
import { describe, expect, it } from 'vitest';
import { loadSamples } from '../../../../test-support/samples.ts';
import { bundleEntries, exportBundle, safeName } from './bundle.ts';
import { ExportError } from './export.ts';

function sample(name: string): Evaluation {
  const v = validate(loadSamples().find((s) => s.name === name)!.expected);
  if (!v.ok) throw new Error(name);
  return v.evaluation;
}

describe('bundle names', () => {
  it('are safe folder and file names on every system', () => {
    expect(safeName('某局/办公室\\财务:科*?"<>|', 'x')).toBe('某局办公室财务科');
    expect(safeName('  光谷\n中心. ', 'x')).toBe('光谷 中心');
    expect(safeName('..', '未填单位')).toBe('未填单位');
    expect(safeName(null, '未填单位')).toBe('未填单位');
    expect(safeName('甲'.repeat(100), 'x')).toHaveLength(60);
  });

  it('give each form its own place: a folder per unit, numbered when two forms would collide', () => {
    const seed = sample('seed-hubei-dept-2023');
    const project = sample('anhui-project-2022');
    const entries = bundleEntries([seed, project, project, { ...project, unit: null, year: null }]);
    expect(entries.map((e) => `${e.folder}/${e.base}`)).toEqual([
      '光谷现代服务业园建设服务中心/2023-部门整体自评表',
      '天长市水利局/2022-水旱灾害防御经费自评表',
      '天长市水利局/2022-水旱灾害防御经费自评表-2',
      '未填单位/年度不详-水旱灾害防御经费自评表',
    ]);
  });

  it('refuses an empty bundle with a message saying what to do', async () => {
    await expect(exportBundle([])).rejects.toThrow(ExportError);
    await expect(exportBundle([])).rejects.toThrow('没有可以打包的自评表');
  });
});
