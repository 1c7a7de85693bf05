/**
 * A guarded unzip for xlsx and docx, on top of fflate's streaming inflate. An upload is
 * untrusted: its headers may lie about sizes (zip bombs), its entry names may climb out of the
 * archive (`../`), and it may be no zip at all. So we read the central directory ourselves,
 * refuse archives whose declared total is over the limit, inflate only the parts asked for, in
 * small input slices with a running output counter, and stop as soon as the counter passes the
 * limit, so a bomb costs a few megabytes and milliseconds, not its inflated size.
 */
import { Inflate, inflateSync } from 'fflate';
import type { ReadLimits } from '../grid.ts';
import { formatBytes, readError } from './errors.ts';
import type { Clock } from './limits.ts';

export interface ZipEntry {
  /** the name as stored */
  name: string;
  /** bit 0: encrypted; bit 11: UTF-8 name */
  flags: number;
  /** 0 stored, 8 deflated */
  method: number;
  compressedSize: number;
  /** declared uncompressed size */
  size: number;
  localOffset: number;
}

export interface ZipArchive {
  /** safe entry names, normalised (forward slashes, no leading slash) */
  names: string[];
  /** notes on entries that were ignored */
  notes: string[];
  has(name: string): boolean;
  /** the inflated bytes of an entry (names are case-insensitive, as in OOXML), or null when there is none */
  read(name: string): Uint8Array | null;
}

/**
 * Input per inflate step. Deflate expands at most ~1032×, so a step of n bytes yields at most
 * ~1 MB per KB; steps are sized to what is left of the allowance (between 1 and 16 KB), so a
 * bomb is stopped within about a megabyte of its limit.
 */
const MIN_SLICE = 1024;
/** compressed size up to which an entry is inflated in one call (it can yield at most ~16 MB) */
const SMALL_ENTRY = 16 * 1024;
const MAX_SLICE = 16 * 1024;
const MAX_RATIO = 1032;

const SIG_LOCAL = 0x04034b50;
const SIG_CENTRAL = 0x02014b50;
const SIG_END = 0x06054b50;

function u16(b: Uint8Array, at: number): number {
  return b[at]! | (b[at + 1]! << 8);
}
function u32(b: Uint8Array, at: number): number {
  return (b[at]! | (b[at + 1]! << 8) | (b[at + 2]! << 16) | (b[at + 3]! << 24)) >>> 0;
}

/** true for entry names that would leave the folder they are unpacked into */
export function isUnsafeEntryName(name: string): boolean {
  const n = name.replace(/\\/g, '/');
  if (n.startsWith('/') || /^[a-z]:/i.test(n)) return true;
  return n.split('/').some((seg) => seg === '..');
}

/**
 * Opens an archive. `what` names the document type for messages ("Excel 工作簿").
 * Throws ReadError for damaged, encrypted, zip64 and oversized archives.
 */
export function openZip(
  bytes: Uint8Array,
  file: string,
  limits: ReadLimits,
  clock: Clock,
  what: string,
): ZipArchive {
  const corrupt = (detail: string) =>
    readError(
      'zip-corrupt',
      file,
      `不是完整的 ${what}（${detail}），可能已损坏或没有下载完整。请用 Office/WPS 打开确认，重新保存后再导入。`,
    );

  // End of central directory: the last 22 bytes, or earlier when the archive has a comment.
  let end = -1;
  for (let i = bytes.length - 22; i >= Math.max(0, bytes.length - 22 - 65535); i--) {
    if (u32(bytes, i) === SIG_END) {
      end = i;
      break;
    }
  }
  if (end < 0) throw corrupt('找不到压缩包目录');
  const count = u16(bytes, end + 10);
  const cdSize = u32(bytes, end + 12);
  const cdOffset = u32(bytes, end + 16);
  if (count === 0xffff || cdOffset === 0xffffffff || cdSize === 0xffffffff) {
    throw readError(
      'zip-unsupported',
      file,
      `使用了 ZIP64 格式，正常的 ${what}不会这样大。请用 Office/WPS 打开后重新保存再导入。`,
    );
  }
  if (cdOffset + cdSize > end) throw corrupt('压缩包目录的位置不对');

  const entries = new Map<string, ZipEntry>();
  const names: string[] = [];
  const notes: string[] = [];
  let declared = 0;
  let p = cdOffset;
  const nameDecoder = new TextDecoder('utf-8');
  for (let k = 0; k < count; k++) {
    if (k % 1024 === 0) clock.check();
    if (p + 46 > end || u32(bytes, p) !== SIG_CENTRAL) throw corrupt('压缩包目录已损坏');
    const flags = u16(bytes, p + 8);
    const method = u16(bytes, p + 10);
    const compressedSize = u32(bytes, p + 20);
    const size = u32(bytes, p + 24);
    const nameLen = u16(bytes, p + 28);
    const extraLen = u16(bytes, p + 30);
    const commentLen = u16(bytes, p + 32);
    const localOffset = u32(bytes, p + 42);
    const name = nameDecoder.decode(bytes.subarray(p + 46, p + 46 + nameLen));
    p += 46 + nameLen + extraLen + commentLen;
    if (name.endsWith('/')) continue; // a folder
    if (isUnsafeEntryName(name)) {
      notes.push(`压缩包中的条目“${name}”路径不安全（指向压缩包之外），已忽略`);
      continue;
    }
    const key = normalise(name).toLowerCase();
    if (entries.has(key)) {
      notes.push(`压缩包中有重名条目“${name}”，只读取了第一个`);
      continue;
    }
    entries.set(key, { name, flags, method, compressedSize, size, localOffset });
    names.push(normalise(name));
    declared += size;
  }
  if (declared > limits.maxInflatedBytes) throw tooLarge(file, what, limits, '声明的');

  let inflated = 0;
  const read = (name: string): Uint8Array | null => {
    const entry = entries.get(normalise(name).toLowerCase());
    if (!entry) return null;
    if (entry.flags & 1) {
      throw readError(
        'encrypted',
        file,
        `设置了密码（已加密），无法读取。请取消密码、另存为普通的 ${what}后再导入。`,
      );
    }
    const at = entry.localOffset;
    if (at + 30 > bytes.length || u32(bytes, at) !== SIG_LOCAL) throw corrupt(`条目“${entry.name}”已损坏`);
    const start = at + 30 + u16(bytes, at + 26) + u16(bytes, at + 28);
    const data = bytes.subarray(start, start + entry.compressedSize);
    if (data.length < entry.compressedSize) throw corrupt(`条目“${entry.name}”不完整`);
    if (entry.method === 0) {
      inflated += data.length;
      if (inflated > limits.maxInflatedBytes) throw tooLarge(file, what, limits, '');
      return data;
    }
    if (entry.method !== 8) {
      throw readError(
        'zip-unsupported',
        file,
        `中的条目“${entry.name}”使用了不常见的压缩方式，无法读取。请用 Office/WPS 打开后重新保存再导入。`,
      );
    }
    if (data.length <= SMALL_ENTRY && entry.size < limits.maxInflatedBytes - inflated) {
      // Small parts inflate in one call into a buffer of the declared size plus one byte: the
      // most a small input can expand to is bounded, and a longer output shows the header lied.
      let out: Uint8Array;
      try {
        out = inflateSync(data, { out: new Uint8Array(entry.size + 1) });
      } catch {
        throw corrupt(`条目“${entry.name}”无法解压`);
      }
      if (out.length > entry.size) throw corrupt(`条目“${entry.name}”的实际大小与声明不符`);
      if (out.length < entry.size) throw corrupt(`条目“${entry.name}”不完整`);
      inflated += out.length;
      return out;
    }
    const chunks: Uint8Array[] = [];
    let got = 0;
    let done = false;
    const inflater = new Inflate((chunk, final) => {
      got += chunk.length;
      inflated += chunk.length;
      if (inflated > limits.maxInflatedBytes) throw tooLarge(file, what, limits, '');
      // a header that understates the size is how bombs get past size checks
      if (got > entry.size) throw corrupt(`条目“${entry.name}”的实际大小与声明不符`);
      if (chunk.length > 0) chunks.push(chunk);
      if (final) done = true;
    });
    try {
      if (data.length === 0) inflater.push(new Uint8Array(0), true);
      for (let off = 0; off < data.length; ) {
        const allowance = Math.min(limits.maxInflatedBytes - inflated, entry.size - got);
        const slice = Math.max(MIN_SLICE, Math.min(MAX_SLICE, Math.floor(allowance / MAX_RATIO)));
        inflater.push(data.subarray(off, off + slice), off + slice >= data.length);
        off += slice;
        clock.check();
      }
    } catch (e) {
      if (e instanceof Error && e.name === 'ReadError') throw e;
      throw corrupt(`条目“${entry.name}”无法解压`);
    }
    if (!done && got < entry.size) throw corrupt(`条目“${entry.name}”不完整`);
    if (chunks.length === 1) return chunks[0]!;
    const out = new Uint8Array(got);
    let o = 0;
    for (const c of chunks) {
      out.set(c, o);
      o += c.length;
    }
    return out;
  };

  return {
    names,
    notes,
    has: (name) => entries.has(normalise(name).toLowerCase()),
    read,
  };
}

function normalise(name: string): string {
  return name.replace(/\\/g, '/').replace(/^\/+/, '');
}

function tooLarge(file: string, what: string, limits: ReadLimits, which: string): Error {
  return readError(
    'zip-too-large',
    file,
    `解压后${which}大小超过 ${formatBytes(limits.maxInflatedBytes)} 的上限（可能是“压缩炸弹”或夹带了大量图片、附件），已停止读取。` +
      `请删除无关内容后另存为新的 ${what}再导入。`,
  );
}
