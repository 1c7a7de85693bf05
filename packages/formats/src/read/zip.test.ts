import { constants, deflateRawSync } from 'node:zlib';
import { describe, expect, it } from 'vitest';
import { DEFAULT_LIMITS, ReadError } from '../grid.ts';
import { buildXlsx, deflatedEntry, type RawEntry, rawZip } from './build-ooxml.ts';
import { startClock } from './limits.ts';
import { describeOle } from './sniff.ts';
import { readXlsx } from './xlsx.ts';
import { isUnsafeEntryName, openZip } from './zip.ts';

function caught(fn: () => unknown): ReadError {
  try {
    fn();
  } catch (e) {
    if (e instanceof ReadError) return e;
    throw e;
  }
  throw new Error('expected a ReadError');
}

const MB = 1024 * 1024;

/**
 * A raw deflate stream of `mb` megabytes of zeros, built from one compressed megabyte repeated
 * (sync-flushed blocks concatenate), so the test never holds the inflated data itself.
 */
function zerosDeflated(mb: number): Uint8Array {
  const block = deflateRawSync(Buffer.alloc(MB), { finishFlush: constants.Z_SYNC_FLUSH });
  const last = deflateRawSync(Buffer.alloc(0));
  const out = new Uint8Array(block.length * mb + last.length);
  for (let i = 0; i < mb; i++) out.set(block, i * block.length);
  out.set(last, block.length * mb);
  return out;
}

const sheet = `<sheetData><row r="1"><c r="A1" t="inlineStr"><is><t>项目名称</t></is></c><c r="B1" t="inlineStr"><is><t>道路养护</t></is></c></row>
<row r="2"><c r="A2" t="inlineStr"><is><t>预算数</t></is></c><c r="B2"><v>50</v></c></row></sheetData>`;

/** the parts of a one-sheet workbook, deflated honestly, to combine with a hostile entry */
function workbookEntries(): RawEntry[] {
  const xlsx = buildXlsx({ sheets: [{ name: '表1', xml: sheet }] });
  const zip = openZip(xlsx, 'ok.xlsx', DEFAULT_LIMITS, startClock('ok.xlsx', DEFAULT_LIMITS), 'x');
  return zip.names.map((n) => deflatedEntry(n, zip.read(n)!));
}

describe('openZip and the xlsx reader on hostile archives', () => {
  it('refuses a zip bomb whose headers declare its real size, before inflating anything', () => {
    const bomb = zerosDeflated(300);
    const entries = [
      ...workbookEntries(),
      { name: 'xl/media/zeros.bin', data: bomb, method: 8 as const, declaredSize: 300 * MB },
    ];
    const before = process.memoryUsage().arrayBuffers;
    const e = caught(() => readXlsx(rawZip(entries), 'bomb.xlsx'));
    expect(e.code).toBe('zip-too-large');
    expect(e.message).toContain('“bomb.xlsx”');
    expect(e.message).toContain('200 MB');
    // nothing near the 300 MB it would inflate to was ever allocated (memory, not time: CI machines are loaded)
    expect(process.memoryUsage().arrayBuffers - before).toBeLessThan(50 * MB);
  });

  it('stops a bomb that lies about its size as soon as the inflated bytes pass the limit', () => {
    const bomb = zerosDeflated(300);
    const entries = workbookEntries().map((e) =>
      e.name === 'xl/worksheets/sheet1.xml' ? { ...e, data: bomb, declaredSize: 1000 } : e,
    );
    const zip = rawZip(entries);
    // with a generous per-part allowance the header lie itself gives it away …
    const lie = caught(() => readXlsx(zip, 'liar.xlsx'));
    expect(lie.code).toBe('zip-corrupt');
    expect(lie.message).toContain('实际大小与声明不符');
    // … and when the running total passes the limit first, that is what stops it
    const honestSizes = entries.map((e) =>
      e.name === 'xl/worksheets/sheet1.xml' ? { ...e, declaredSize: 3 * MB } : e,
    );
    const before = process.memoryUsage().arrayBuffers;
    const e = caught(() => readXlsx(rawZip(honestSizes), 'bomb.xlsx', { maxInflatedBytes: 2 * MB }));
    expect(e.code).toBe('zip-too-large');
    // far less than the 300 MB the entry would inflate to
    expect(process.memoryUsage().arrayBuffers - before).toBeLessThan(100 * MB);
  });

  it('refuses a small part whose header understates its size', () => {
    const small = zerosDeflated(5); // about 5 KB that inflate to 5 MB
    expect(small.length).toBeLessThan(16 * 1024);
    const entries = workbookEntries().map((e) =>
      e.name === 'xl/workbook.xml' ? { ...e, data: small, declaredSize: 100 } : e,
    );
    const e = caught(() => readXlsx(rawZip(entries), 'small-liar.xlsx'));
    expect(e.code).toBe('zip-corrupt');
    expect(e.message).toContain('xl/workbook.xml');
  });

  it('ignores entries whose names climb out of the archive, and says so', () => {
    const entries = [
      ...workbookEntries(),
      deflatedEntry('../../etc/cron.d/evil', 'x'),
      deflatedEntry('/abs/path.xml', 'x'),
    ];
    const [grid] = readXlsx(rawZip(entries), 'traversal.xlsx');
    expect(grid!.rows[0]!.map((c) => c.text)).toEqual(['项目名称', '道路养护']);
    expect(grid!.notes.join('\n')).toContain('“../../etc/cron.d/evil”路径不安全');
    expect(grid!.notes.join('\n')).toContain('“/abs/path.xml”路径不安全');
    expect(isUnsafeEntryName('xl\\..\\..\\x')).toBe(true);
    expect(isUnsafeEntryName('C:/Windows/x')).toBe(true);
    expect(isUnsafeEntryName('xl/worksheets/sheet1.xml')).toBe(false);
  });

  it('refuses zip-encrypted parts with what to do', () => {
    const entries = workbookEntries().map((e) => (e.name === 'xl/workbook.xml' ? { ...e, flags: 1 } : e));
    const e = caught(() => readXlsx(rawZip(entries), 'locked.xlsx'));
    expect(e.code).toBe('encrypted');
    expect(e.message).toContain('取消密码');
  });

  it('refuses truncated and damaged archives as corrupt', () => {
    const xlsx = buildXlsx({ sheets: [{ name: '表1', xml: sheet }] });
    expect(caught(() => readXlsx(xlsx.subarray(0, xlsx.length - 40), 'cut.xlsx')).code).toBe('zip-corrupt');
    const entries = workbookEntries().map((e) =>
      e.name === 'xl/workbook.xml' ? { ...e, data: new Uint8Array([0xff, 0xff, 0xff, 0xff]) } : e,
    );
    const bad = caught(() => readXlsx(rawZip(entries), 'bad.xlsx'));
    expect(bad.code).toBe('zip-corrupt');
    expect(bad.message).toContain('xl/workbook.xml');
  });

  it('finds OOXML parts whatever the case of their names', () => {
    const entries = workbookEntries().map((e) => ({
      ...e,
      name: e.name.replace('worksheets', 'Worksheets'),
    }));
    const [grid] = readXlsx(rawZip(entries), 'case.xlsx');
    expect(grid!.rows[1]!.map((c) => c.text)).toEqual(['预算数', '50']);
  });
});

/** an OLE compound file header followed by directory names in UTF-16LE */
function ole(...streams: string[]): Uint8Array {
  const head = [0xd0, 0xcf, 0x11, 0xe0, 0xa1, 0xb1, 0x1a, 0xe1, ...new Array(504).fill(0)];
  const names = streams.flatMap((s) => [...Buffer.from(`${s}\0`, 'utf16le')]);
  return new Uint8Array([...head, ...names, ...new Array(256).fill(0)]);
}

describe('OLE files: encrypted OOXML and old .xls/.doc', () => {
  it('tells an encrypted workbook from an old one and says what to do', () => {
    expect(describeOle(ole('Root Entry', 'EncryptionInfo', 'EncryptedPackage'))).toBe('encrypted');
    const enc = caught(() => readXlsx(ole('Root Entry', 'EncryptionInfo', 'EncryptedPackage'), '加密.xlsx'));
    expect(enc.code).toBe('encrypted');
    expect(enc.message).toContain('“加密.xlsx”');
    expect(enc.message).toContain('密码');
    const xls = caught(() => readXlsx(ole('Root Entry', 'Workbook', 'SummaryInformation'), '旧表.xlsx'));
    expect(xls.code).toBe('old-format');
    expect(xls.message).toContain('另存为');
    expect(xls.message).toContain('.xlsx');
    expect(describeOle(ole('Root Entry', 'WordDocument', '1Table'))).toBe('doc');
  });
});
