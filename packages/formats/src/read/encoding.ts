/**
 * Text encodings of published forms: UTF-8 (with or without BOM), UTF-16 from Windows tools,
 * and GB18030/GBK from older Chinese systems. A wrong guess turns every character into
 * mojibake that looks like text, so each guess is checked, and text that fits no encoding is
 * refused instead of being decoded with replacement characters.
 */
import { readError } from './errors.ts';

export type TextEncoding = 'utf-8' | 'utf-16le' | 'utf-16be' | 'gb18030';

export interface DecodedText {
  text: string;
  encoding: TextEncoding;
  /** what was chosen and why, in Chinese, for Grid.notes */
  notes: string[];
}

const UTF8_BOM = [0xef, 0xbb, 0xbf];
const GB18030_BOM = [0x84, 0x31, 0x95, 0x33];

/** Encoding names as HTML and XML declare them, mapped to what we decode them as. */
export function normaliseCharset(name: string | null | undefined): TextEncoding | null {
  if (!name) return null;
  const n = name.trim().toLowerCase().replace(/_/g, '-');
  if (n === 'utf-8' || n === 'utf8' || n === 'unicode-1-1-utf-8') return 'utf-8';
  if (n === 'utf-16' || n === 'utf-16le' || n === 'unicode') return 'utf-16le';
  if (n === 'utf-16be') return 'utf-16be';
  if (
    ['gb2312', 'gbk', 'gb18030', 'x-gbk', 'cp936', 'ms936', 'windows-936', 'csgb2312', 'euc-cn'].includes(n)
  ) {
    return 'gb18030';
  }
  return null;
}

const LABELS: Record<TextEncoding, string> = {
  'utf-8': 'UTF-8',
  'utf-16le': 'UTF-16LE',
  'utf-16be': 'UTF-16BE',
  gb18030: 'GB18030（GBK）',
};

/**
 * Decodes a text file. `declared` is an encoding the file names for itself (an HTML
 * `<meta charset>`); the bytes decide, and a declaration that disagrees with them is noted.
 * Throws a ReadError ('encoding' or 'junk') rather than returning mojibake.
 */
export function decodeText(bytes: Uint8Array, file: string, declared?: string | null): DecodedText {
  const notes: string[] = [];
  const declaredEnc = normaliseCharset(declared);
  if (declared && !declaredEnc) notes.push(`文件声明的编码“${declared}”不常见，已按实际内容判断编码`);
  if (bytes.length === 0) return { text: '', encoding: 'utf-8', notes };

  // 1. byte-order marks
  if (startsWith(bytes, UTF8_BOM)) {
    const rest = bytes.subarray(3);
    const text = tryDecode('utf-8', rest);
    if (text !== null) return finish(text, 'utf-8', notes, file, 'UTF-8（带 BOM）');
    const gb = tryDecode('gb18030', rest);
    if (gb !== null && plausibleGb(rest)) {
      notes.push('文件开头有 UTF-8 标记，但内容是 GB18030（GBK）编码，已按 GBK 读取');
      return finish(gb, 'gb18030', notes, file);
    }
    throw encodingError(file);
  }
  if (bytes[0] === 0xff && bytes[1] === 0xfe)
    return decodeUtf16(bytes.subarray(2), 'utf-16le', file, notes, true);
  if (bytes[0] === 0xfe && bytes[1] === 0xff)
    return decodeUtf16(bytes.subarray(2), 'utf-16be', file, notes, true);
  if (startsWith(bytes, GB18030_BOM)) {
    const text = tryDecode('gb18030', bytes.subarray(4));
    if (text !== null) return finish(text, 'gb18030', notes, file, 'GB18030（带 BOM）');
    throw encodingError(file);
  }

  // 2. UTF-16 without a BOM: ASCII characters (digits, punctuation, line ends) carry a zero byte
  const parity = zeroParity(bytes);
  if (parity) return decodeUtf16(bytes, parity, file, notes, false);

  // 3. valid UTF-8 is almost never an accident: GBK text of any length breaks its rules
  const utf8 = tryDecode('utf-8', bytes);
  if (utf8 !== null) {
    if (declaredEnc === 'gb18030' && hasNonAscii(bytes)) {
      notes.push(`文件声明编码为 ${declared}，但内容是有效的 UTF-8，已按 UTF-8 读取`);
    }
    return finish(utf8, 'utf-8', notes, file);
  }

  // 4. GB18030, a superset of GBK and GB2312
  const gb = tryDecode('gb18030', bytes);
  const gbPlausible = plausibleGb(bytes);
  if (gb !== null && gbPlausible) {
    if (declaredEnc === 'utf-8')
      notes.push(`文件声明编码为 ${declared}，但内容实际是 GBK 编码，已按 GBK 读取`);
    return finish(gb, 'gb18030', notes, file);
  }

  // 5. a few damaged bytes in an otherwise clean file: keep the text, mark the damage, say where
  for (const encoding of ['utf-8', 'gb18030'] as const) {
    if (encoding === 'gb18030' && !gbPlausible) continue;
    const text = new TextDecoder(encoding, { ignoreBOM: true }).decode(bytes);
    const { places, chars } = countReplacements(text);
    if (places > 0 && places <= Math.max(2, text.length * 0.001) && chars <= text.length * 0.01) {
      const line = text.slice(0, text.indexOf('\uFFFD')).split('\n').length;
      notes.push(
        `有 ${places} 处字节无法按 ${LABELS[encoding]} 识别（第一处在第 ${line} 行），已显示为“\uFFFD”，请核对原文件`,
      );
      return finish(text, encoding, notes, file, encoding === 'utf-8' ? 'UTF-8' : undefined);
    }
  }
  throw encodingError(file);
}

/** places with replacement characters: one damaged byte can cost a run of them */
function countReplacements(text: string): { places: number; chars: number } {
  let places = 0;
  let chars = 0;
  for (let i = text.indexOf('\uFFFD'); i >= 0; i = text.indexOf('\uFFFD', i + 1)) {
    chars++;
    if (text[i - 1] !== '\uFFFD') places++;
  }
  return { places, chars };
}

function decodeUtf16(
  bytes: Uint8Array,
  encoding: 'utf-16le' | 'utf-16be',
  file: string,
  notes: string[],
  bom: boolean,
): DecodedText {
  const text = tryDecode(encoding, bytes);
  if (text === null) throw encodingError(file);
  return finish(
    text,
    encoding,
    notes,
    file,
    bom ? `${LABELS[encoding]}（带 BOM）` : `${LABELS[encoding]}（无 BOM）`,
  );
}

function finish(
  text: string,
  encoding: TextEncoding,
  notes: string[],
  file: string,
  label?: string,
): DecodedText {
  let out = text.charCodeAt(0) === 0xfeff ? text.slice(1) : text;
  // Control characters do not occur in documents; a few are stray bytes, many mean a binary file.
  let control = 0;
  // one regex scan finds none in most texts; only a text holding some is counted
  if (HAS_STRAY_CONTROL.test(out))
    for (let i = 0; i < out.length; i++) if (isStrayControl(out.charCodeAt(i))) control++;
  if (control > 0) {
    if (control > Math.max(2, out.length * 0.005)) {
      throw readError(
        'junk',
        file,
        '不是文本文件（含有大量控制字符），无法读取。请确认文件类型，或用 Excel/WPS/Word 打开后另存为 .xlsx、.docx 或 .csv。',
      );
    }
    out = out.replace(STRAY_CONTROLS, '');
    notes.push(`删除了 ${control} 个不可见的控制字符`);
  }
  if (encoding !== 'utf-8' || label)
    notes.push(`按 ${label ?? LABELS[encoding]} 编码读取`.replace('） 编码', '）编码'));
  return { text: out, encoding, notes };
}

// biome-ignore lint/suspicious/noControlCharactersInRegex: these are exactly the characters we remove
const STRAY_CONTROLS = /[\u0000-\u0008\u000e-\u001f\u007f]/g;
// the same characters as isStrayControl (STRAY_CONTROLS is global, and test() would move its lastIndex)
// biome-ignore lint/suspicious/noControlCharactersInRegex: these are exactly the characters we look for
const HAS_STRAY_CONTROL = /[\u0000-\u0008\u000e-\u001f\u007f]/;

function isStrayControl(c: number): boolean {
  return (c < 0x20 && c !== 0x09 && c !== 0x0a && c !== 0x0b && c !== 0x0c && c !== 0x0d) || c === 0x7f;
}

function tryDecode(encoding: TextEncoding, bytes: Uint8Array): string | null {
  try {
    // ignoreBOM: a BOM we did not strip ourselves is content, and finish() removes a leading one
    return new TextDecoder(encoding, { fatal: true, ignoreBOM: true }).decode(bytes);
  } catch {
    return null;
  }
}

function startsWith(bytes: Uint8Array, sig: number[]): boolean {
  return sig.every((b, i) => bytes[i] === b);
}

function hasNonAscii(bytes: Uint8Array): boolean {
  for (let i = 0; i < bytes.length; i++) if (bytes[i]! >= 0x80) return true;
  return false;
}

/**
 * UTF-16 text without a BOM: zero bytes, nearly all on odd offsets (little-endian) or even ones
 * (big-endian). Text in UTF-8 or GBK has no zero bytes at all.
 */
function zeroParity(bytes: Uint8Array): 'utf-16le' | 'utf-16be' | null {
  const n = Math.min(bytes.length, 65536);
  // most files hold no zero byte: one native search says so (and then there are no zeros to count).
  // Buffer's indexOf is a memchr, several times faster than a typed array's own indexOf.
  if (Buffer.from(bytes.buffer, bytes.byteOffset, n).indexOf(0) < 0) return null;
  let even = 0;
  let odd = 0;
  for (let i = 0; i < n; i++) {
    if (bytes[i] === 0) {
      if (i % 2 === 0) even++;
      else odd++;
    }
  }
  const zeros = even + odd;
  if (zeros === 0 || bytes.length % 2 !== 0) return null;
  if (zeros < 2) return null;
  if (odd >= zeros * 0.95) return 'utf-16le';
  if (even >= zeros * 0.95) return 'utf-16be';
  return null;
}

/**
 * Bytes that decode as GB18030 are not necessarily GBK text: Big5 and other legacy encodings
 * decode too, as rare characters. Simplified-Chinese text uses the GB2312 hanzi block (lead
 * bytes 0xB0–0xF7) and its punctuation, numbering and full-width rows (0xA1–0xA3), with trail
 * bytes 0xA1–0xFE, for nearly every character; kana, Greek, private-use codes and the GBK
 * extension rows are rare. A text full of rare characters is refused rather than shown as
 * mojibake.
 */
function plausibleGb(bytes: Uint8Array): boolean {
  let common = 0;
  let rare = 0;
  for (let i = 0; i < bytes.length; i++) {
    const b = bytes[i]!;
    if (b < 0x80) continue;
    const t = bytes[i + 1] ?? 0;
    if (t >= 0x30 && t <= 0x39) {
      rare++; // four-byte sequence: characters outside GBK
      i += 3;
      continue;
    }
    if (t >= 0xa1 && ((b >= 0xb0 && b <= 0xf7) || (b >= 0xa1 && b <= 0xa3))) common++;
    else rare++;
    i++;
  }
  const total = common + rare;
  return total < 4 ? rare === 0 || common > 0 : rare <= total * 0.25;
}

function encodingError(file: string): Error {
  return readError(
    'encoding',
    file,
    '的文字编码无法识别（既不是 UTF-8，也不是 GBK/GB18030 或 UTF-16），为避免出现乱码已停止读取。' +
      '请用记事本、WPS 或 Excel 打开该文件，另存为“UTF-8”编码后再导入。',
  );
}
