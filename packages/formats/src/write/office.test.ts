/**
 * Real readers: LibreOffice (Debian's libreoffice-calc and libreoffice-writer) opens the xlsx
 * and docx exports and converts them to PDF without error. Skipped, saying so, where soffice is
 * not installed (CI images may lack it); everything else about these files is tested without it.
 */
import { execFileSync, spawnSync } from 'node:child_process';
import { existsSync, mkdtempSync, readdirSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { type Evaluation, validate } from '@jixiao/core';
import { describe, expect, it } from 'vitest';
import { loadSamples } from '../../../../test-support/samples.ts';
import { exportEvaluation } from './export.ts';

const soffice = ['soffice', 'libreoffice'].find(
  (cmd) => spawnSync(cmd, ['--version'], { stdio: 'ignore' }).status === 0,
);
if (!soffice) {
  console.warn(
    'office.test.ts skipped: LibreOffice (soffice) is not installed — apt-get install libreoffice-calc libreoffice-writer',
  );
}

function sample(name: string): Evaluation {
  const v = validate(loadSamples().find((s) => s.name === name)!.expected);
  if (!v.ok) throw new Error(name);
  return v.evaluation;
}

describe.skipIf(!soffice)('LibreOffice reads the exports', () => {
  it('converts the xlsx and docx of a department and a Sichuan project form to PDF without error', {
    timeout: 180_000,
  }, async () => {
    const dir = mkdtempSync(join(tmpdir(), 'jixiao-office-'));
    const inputs: string[] = [];
    for (const [name, layout] of [
      ['seed-hubei-dept-2023', undefined],
      ['sichuan-510000-template-2023', 'sichuan-2023'],
    ] as const) {
      for (const format of ['xlsx', 'docx'] as const) {
        const file = join(dir, `${name}-${format}.${format}`);
        writeFileSync(file, await exportEvaluation(sample(name), format, layout ? { layout } : {}));
        inputs.push(file);
      }
    }
    const out = join(dir, 'pdf');
    // a profile of its own, so a desktop LibreOffice that is running does not take the job
    const r = spawnSync(
      soffice!,
      [
        `-env:UserInstallation=file://${join(dir, 'profile')}`,
        '--headless',
        '--convert-to',
        'pdf',
        '--outdir',
        out,
        ...inputs,
      ],
      { encoding: 'utf8', timeout: 170_000 },
    );
    expect(r.status, r.stderr).toBe(0);
    expect(r.stderr ?? '').not.toMatch(/error/i);
    // LibreOffice reports a file it cannot load on stderr and writes no PDF for it
    const pdfs = existsSync(out) ? readdirSync(out).sort() : [];
    expect(pdfs).toEqual([
      'seed-hubei-dept-2023-docx.pdf',
      'seed-hubei-dept-2023-xlsx.pdf',
      'sichuan-510000-template-2023-docx.pdf',
      'sichuan-510000-template-2023-xlsx.pdf',
    ]);
    if (spawnSync('pdftotext', ['-v'], { stdio: 'ignore' }).status === 0) {
      for (const pdf of pdfs) {
        const text = execFileSync('pdftotext', [join(out, pdf), '-'], { encoding: 'utf8' });
        expect(text, pdf).toContain(
          pdf.startsWith('seed') ? '光谷现代服务业园建设服务中心' : '青神县发展和改革局',
        );
      }
    }
  });
});
