import { describe, expect, it } from 'vitest';
import { ReadError } from '../grid.ts';
import { encodeGbk } from './encode-gbk.ts';
import { decodeText, normaliseCharset } from './encoding.ts';

const FORM = '单位名称：光谷现代服务业园建设服务中心\n执行率：100%，得分 20\n≥90% “满意”';

function utf16(text: string, endian: 'le' | 'be', bom: boolean): Uint8Array {
  const out = new Uint8Array(text.length * 2 + (bom ? 2 : 0));
  let o = 0;
  if (bom) {
    out[o++] = endian === 'le' ? 0xff : 0xfe;
    out[o++] = endian === 'le' ? 0xfe : 0xff;
  }
  for (let i = 0; i < text.length; i++) {
    const c = text.charCodeAt(i);
    out[o++] = endian === 'le' ? c & 0xff : c >> 8;
    out[o++] = endian === 'le' ? c >> 8 : c & 0xff;
  }
  return out;
}

function caught(fn: () => unknown): ReadError {
  try {
    fn();
  } catch (e) {
    if (e instanceof ReadError) return e;
    throw e;
  }
  throw new Error('expected a ReadError');
}

/** "項目支出績效自評表單位名稱預算執行率滿意度指標" in Big5, as a Taiwan or Hong Kong system writes it */
const BIG5 = new Uint8Array([
  182, 181, 165, 216, 164, 228, 165, 88, 193, 90, 174, 196, 166, 219, 181, 251, 170, 237, 179, 230, 166, 236,
  166, 87, 186, 217, 185, 119, 186, 226, 176, 245, 166, 230, 178, 118, 186, 161, 183, 78, 171, 215, 171, 252,
  188, 208,
]);

describe('decodeText', () => {
  it('reads UTF-8 without a BOM and says nothing about it', () => {
    const r = decodeText(new TextEncoder().encode(FORM), 'a.txt');
    expect(r).toEqual({ text: FORM, encoding: 'utf-8', notes: [] });
  });

  it('strips a UTF-8 BOM and notes it', () => {
    const bytes = new Uint8Array([0xef, 0xbb, 0xbf, ...new TextEncoder().encode(FORM)]);
    const r = decodeText(bytes, 'a.csv');
    expect(r.text).toBe(FORM);
    expect(r.encoding).toBe('utf-8');
    expect(r.notes.join()).toContain('BOM');
  });

  it('reads UTF-16 with either BOM', () => {
    expect(decodeText(utf16(FORM, 'le', true), 'a.txt')).toMatchObject({ text: FORM, encoding: 'utf-16le' });
    expect(decodeText(utf16(FORM, 'be', true), 'a.txt')).toMatchObject({ text: FORM, encoding: 'utf-16be' });
  });

  it('recognises UTF-16 without a BOM by where its zero bytes fall', () => {
    const le = decodeText(utf16(FORM, 'le', false), 'a.txt');
    expect(le).toMatchObject({ text: FORM, encoding: 'utf-16le' });
    expect(le.notes.join()).toContain('无 BOM');
    expect(decodeText(utf16(FORM, 'be', false), 'a.txt')).toMatchObject({ text: FORM, encoding: 'utf-16be' });
  });

  it('reads GBK (as GB18030) when the bytes are not UTF-8', () => {
    const r = decodeText(encodeGbk(FORM), 'a.csv');
    expect(r.text).toBe(FORM);
    expect(r.encoding).toBe('gb18030');
    expect(r.notes.join()).toContain('GBK');
  });

  it('reads a page declared UTF-8 that is really GBK, and says so', () => {
    const r = decodeText(encodeGbk(FORM), 'page.html', 'utf-8');
    expect(r.text).toBe(FORM);
    expect(r.encoding).toBe('gb18030');
    expect(r.notes.join()).toContain('声明编码为 utf-8');
  });

  it('trusts valid UTF-8 over a GBK declaration', () => {
    const r = decodeText(new TextEncoder().encode(FORM), 'page.html', 'gb2312');
    expect(r.text).toBe(FORM);
    expect(r.encoding).toBe('utf-8');
    expect(r.notes.join()).toContain('声明编码为 gb2312');
  });

  it('refuses Big5 text instead of decoding it as GBK mojibake', () => {
    // the bytes are valid GB18030, so only the plausibility check stands between them and mojibake
    expect(new TextDecoder('gb18030', { fatal: true }).decode(BIG5).length).toBeGreaterThan(0);
    const e = caught(() => decodeText(BIG5, '繁体.txt'));
    expect(e.code).toBe('encoding');
    expect(e.message).toContain('“繁体.txt”');
    expect(e.message).toContain('UTF-8');
  });

  it('keeps a long UTF-8 text with one damaged byte, marking the place and saying where', () => {
    const text = `${FORM}\n${'预算执行率100%，得分20。'.repeat(200)}`;
    const bytes = new TextEncoder().encode(text);
    bytes[new TextEncoder().encode(FORM).length + 1] = 0xff; // first byte of line 4
    const r = decodeText(bytes, 'a.txt');
    expect(r.encoding).toBe('utf-8');
    expect(r.text.split('\n')[3]!.startsWith('\uFFFD')).toBe(true);
    expect(r.notes.join()).toContain('有 1 处字节无法按 UTF-8 识别（第一处在第 4 行）');
  });

  it('refuses bytes that are valid in no encoding', () => {
    const e = caught(() =>
      decodeText(new Uint8Array([0x41, 0xff, 0xfe, 0xfd, 0x81, 0x20, 0xc3, 0x28]), 'x.txt'),
    );
    expect(e.code).toBe('encoding');
  });

  it('refuses text full of control characters as not text', () => {
    const bytes = new Uint8Array(400).map((_, i) => (i % 3 === 0 ? 0x01 : 0x41));
    expect(caught(() => decodeText(bytes, 'x.txt')).code).toBe('junk');
  });

  it('drops a stray control character and notes it', () => {
    const text = `${FORM.repeat(20)}\u0007`;
    const r = decodeText(new TextEncoder().encode(text), 'a.txt');
    expect(r.text).toBe(FORM.repeat(20));
    expect(r.notes.join()).toContain('控制字符');
  });

  it('maps declared charset names', () => {
    expect(normaliseCharset('GB2312')).toBe('gb18030');
    expect(normaliseCharset('x-gbk')).toBe('gb18030');
    expect(normaliseCharset('UTF8')).toBe('utf-8');
    expect(normaliseCharset('iso-8859-1')).toBeNull();
  });
});
