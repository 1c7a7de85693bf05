/**
 * What a file really is, from its first bytes rather than its name: units rename files, systems
 * export HTML as ".xls", and a wrong guess must end in a message that says what the file is.
 */
import { readError } from './errors.ts';

export const SNIFFED_KINDS = [
  'zip',
  'pdf',
  'ole',
  'rtf',
  'mht',
  'xml-office2003',
  'html',
  'image',
  'archive',
  'binary',
  'text',
] as const;
export type SniffedKind = (typeof SNIFFED_KINDS)[number];

export interface Sniffed {
  kind: SniffedKind;
  /** what it is, in Chinese, for messages: "PDF 文件", "PNG 图片" */
  label: string;
}

const SIGNATURES: { bytes: number[]; kind: SniffedKind; label: string }[] = [
  { bytes: [0x50, 0x4b, 0x03, 0x04], kind: 'zip', label: 'ZIP 压缩包（或 .xlsx/.docx 文件）' },
  { bytes: [0x50, 0x4b, 0x05, 0x06], kind: 'zip', label: '空的 ZIP 压缩包' },
  {
    bytes: [0xd0, 0xcf, 0x11, 0xe0, 0xa1, 0xb1, 0x1a, 0xe1],
    kind: 'ole',
    label: '旧版 Office 文件（.xls/.doc）或加密的 Office 文件',
  },
  { bytes: [0x7b, 0x5c, 0x72, 0x74, 0x66], kind: 'rtf', label: 'RTF 文档' },
  { bytes: [0x89, 0x50, 0x4e, 0x47], kind: 'image', label: 'PNG 图片' },
  { bytes: [0xff, 0xd8, 0xff], kind: 'image', label: 'JPEG 图片' },
  { bytes: [0x47, 0x49, 0x46, 0x38], kind: 'image', label: 'GIF 图片' },
  { bytes: [0x49, 0x49, 0x2a, 0x00], kind: 'image', label: 'TIFF 图片' },
  { bytes: [0x4d, 0x4d, 0x00, 0x2a], kind: 'image', label: 'TIFF 图片' },
  { bytes: [0x1f, 0x8b], kind: 'archive', label: 'GZIP 压缩文件' },
  { bytes: [0x52, 0x61, 0x72, 0x21], kind: 'archive', label: 'RAR 压缩包' },
  { bytes: [0x37, 0x7a, 0xbc, 0xaf, 0x27, 0x1c], kind: 'archive', label: '7z 压缩包' },
  { bytes: [0x7f, 0x45, 0x4c, 0x46], kind: 'binary', label: '程序文件（ELF）' },
];

function startsWith(bytes: Uint8Array, sig: number[], at = 0): boolean {
  if (bytes.length < at + sig.length) return false;
  for (let i = 0; i < sig.length; i++) if (bytes[at + i] !== sig[i]) return false;
  return true;
}

/** The first `n` bytes as Latin-1, for ASCII pattern tests whatever the real encoding. */
export function asciiHead(bytes: Uint8Array, n = 4096): string {
  // Buffer's latin1 maps each byte to the code point of its value, as String.fromCharCode does,
  // in one native call instead of a string built a character at a time
  const s = Buffer.from(bytes.buffer, bytes.byteOffset, Math.min(n, bytes.length)).toString('latin1');
  // UTF-16 text has a zero byte beside every ASCII letter; drop them so the patterns still match
  return s.includes('\0') ? s.replace(/\0/g, '') : s;
}

/** Identifies a file from its content. */
export function sniffBytes(bytes: Uint8Array): Sniffed {
  for (const sig of SIGNATURES) {
    if (startsWith(bytes, sig.bytes)) return { kind: sig.kind, label: sig.label };
  }
  const head = asciiHead(bytes, 4096);
  // PDF allows junk before the header; real files have it within the first kilobyte
  if (head.slice(0, 1024).includes('%PDF-')) return { kind: 'pdf', label: 'PDF 文件' };
  const lower = head.toLowerCase();
  // a substring test before each pattern: text files hold neither, refused in one native scan
  if (
    lower.includes('mime-version:') &&
    /^\s*mime-version:/m.test(lower) &&
    lower.includes('multipart/related')
  ) {
    return { kind: 'mht', label: '网页存档（.mht/.mhtml）' };
  }
  if (
    lower.includes('urn:schemas-microsoft-com:office:spreadsheet') ||
    lower.includes('progid="excel.sheet"') ||
    lower.includes('progid="word.document"')
  ) {
    // an HTML page saved from Excel also names the spreadsheet namespace; only the XML formats lack <html
    if (!/<html[\s>]/.test(lower)) return { kind: 'xml-office2003', label: 'Office 2003 XML 文件' };
  }
  if (
    lower.includes('<') &&
    /<(!doctype\s+html|html[\s>]|head[\s>]|body[\s>]|table[\s>]|meta[\s>])/.test(lower)
  ) {
    return { kind: 'html', label: '网页（HTML）' };
  }
  if (looksBinary(bytes)) return { kind: 'binary', label: '二进制数据' };
  return { kind: 'text', label: '文本文件' };
}

/**
 * Control bytes other than tab, newline, form feed and carriage return do not occur in text in
 * any of the encodings we read, except UTF-16, whose zero bytes come in a regular pattern.
 */
function looksBinary(bytes: Uint8Array): boolean {
  const n = Math.min(bytes.length, 8192);
  // Text holds no byte counted below: one native conversion and one regex scan say so, and then
  // there is nothing to count.
  const latin1 = Buffer.from(bytes.buffer, bytes.byteOffset, n).toString('latin1');
  if (!COUNTED_BYTE.test(latin1)) return false;
  let control = 0;
  let zeroEven = 0;
  let zeroOdd = 0;
  for (let i = 0; i < n; i++) {
    const b = bytes[i]!;
    if (b === 0) {
      if (i % 2 === 0) zeroEven++;
      else zeroOdd++;
    } else if (b < 0x20 && b !== 0x09 && b !== 0x0a && b !== 0x0c && b !== 0x0d && b !== 0x0b) {
      control++;
    }
  }
  const zeros = zeroEven + zeroOdd;
  if (zeros > 0) {
    // UTF-16: the zeros sit almost all on one parity
    const lopsided = Math.max(zeroEven, zeroOdd) >= zeros * 0.95;
    if (!lopsided) return true;
  }
  return control > Math.max(2, n * 0.01);
}

// zero and the control bytes looksBinary counts (not tab, line feed, vertical tab, form feed, return)
// biome-ignore lint/suspicious/noControlCharactersInRegex: these are exactly the bytes counted
const COUNTED_BYTE = /[\u0000-\u0008\u000e-\u001f]/;

/** Extensions and what a person expects behind them, for "named .xlsx but is …" messages. */
export function extensionOf(file: string): string {
  const m = /\.([a-z0-9]+)$/i.exec(file);
  return m ? m[1]!.toLowerCase() : '';
}

/**
 * An OLE compound document is either a pre-2007 Office file or an encrypted OOXML file (Office
 * wraps a password-protected .xlsx/.docx in one). The stream names, stored in UTF-16LE, tell.
 */
export function describeOle(bytes: Uint8Array): 'encrypted' | 'xls' | 'doc' | 'ppt' | 'unknown' {
  const buf = Buffer.from(bytes.buffer, bytes.byteOffset, bytes.byteLength);
  const has = (name: string) => buf.indexOf(Buffer.from(name, 'utf16le')) >= 0;
  if (has('EncryptedPackage') || has('EncryptionInfo')) return 'encrypted';
  if (has('WordDocument')) return 'doc';
  if (has('Workbook') || has('Book')) return 'xls';
  if (has('PowerPoint Document')) return 'ppt';
  return 'unknown';
}

/** The refusal for an OLE file: say which kind and what to do. */
export function oleError(file: string, bytes: Uint8Array): Error {
  const kind = describeOle(bytes);
  switch (kind) {
    case 'encrypted':
      return readError(
        'encrypted',
        file,
        '设置了打开密码（已加密），无法读取。请用 Excel/WPS/Word 打开，在“文件→信息→保护”中清除密码，保存后再导入。',
      );
    case 'xls':
      return readError(
        'old-format',
        file,
        '是旧版 Excel 97-2003 格式（.xls），暂不支持直接读取。请用 Excel 或 WPS 打开后“另存为” Excel 工作簿（.xlsx）再导入。',
      );
    case 'doc':
      return readError(
        'old-format',
        file,
        '是旧版 Word 97-2003 格式（.doc），暂不支持直接读取。请用 Word 或 WPS 打开后“另存为” Word 文档（.docx）再导入。',
      );
    default:
      return readError(
        'old-format',
        file,
        '是旧版 Office 格式（.xls/.doc/.ppt）或设置了密码的 Office 文件，无法读取。' +
          '请用 Office/WPS 打开，取消密码并另存为 .xlsx 或 .docx 后再导入。',
      );
  }
}

const HINTS: Record<SniffedKind, string> = {
  zip: '如果它是 Excel 或 Word 文件，请把扩展名改为 .xlsx 或 .docx；如果是压缩包，请解压后导入其中的自评表。',
  pdf: '请把扩展名改为 .pdf 后再导入。',
  ole: '请用 Office/WPS 打开后另存为 .xlsx 或 .docx。',
  rtf: '请用 Word 或 WPS 打开后另存为 .docx 再导入。',
  mht: '请用浏览器或 Word 打开后另存为 .html 或 .docx 再导入。',
  'xml-office2003': '请用 Excel/WPS/Word 打开后另存为 .xlsx 或 .docx 再导入。',
  html: '请把扩展名改为 .html 后再导入。',
  image: '图片无法直接读取。请导入自评表的 Excel、Word、PDF 或网页文件（扫描件需先做文字识别）。',
  archive: '请解压后导入其中的自评表文件。',
  binary: '这不是可以读取的文档，请确认选择了正确的文件。',
  text: '请确认文件类型，或把扩展名改为 .txt 或 .csv 后再导入。',
};

/**
 * The refusal when a reader is given another kind of file: "文件“a.xlsx”不是 Excel 工作簿，
 * 内容看起来是 PDF 文件。请把扩展名改为 .pdf 后再导入。"
 */
export function contentError(
  file: string,
  expected: string,
  bytes: Uint8Array,
  sniffed = sniffBytes(bytes),
): Error {
  if (sniffed.kind === 'ole') return oleError(file, bytes);
  const code = sniffed.kind === 'binary' ? 'junk' : 'wrong-format';
  return readError(
    code,
    file,
    `不是${spaced(expected)}，内容看起来是${spaced(sniffed.label)}。${HINTS[sniffed.kind]}`,
  );
}

/** a space before Latin text that follows Chinese: "不是 Excel 工作簿" */
export function spaced(s: string): string {
  return /^[A-Za-z0-9]/.test(s) ? ` ${s}` : s;
}
