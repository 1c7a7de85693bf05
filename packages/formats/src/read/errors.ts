/**
 * The readers' failures. Every refusal carries a stable code for programs and a Chinese message
 * for people that names the file, says what is wrong and what to do about it.
 */
import { ReadError } from '../grid.ts';

export const READ_ERROR_CODES = [
  /** the file has no bytes */
  'empty',
  /** the file is larger than ReadLimits.maxBytes */
  'too-large',
  /** reading took longer than ReadLimits.timeoutMs */
  'timeout',
  /** the content is another kind of file than the reader (or the extension) expects */
  'wrong-format',
  /** binary data that is no document at all */
  'junk',
  /** text in no encoding we can read without producing mojibake */
  'encoding',
  /** a zip archive (xlsx, docx) that is truncated or damaged */
  'zip-corrupt',
  /** a zip archive that inflates beyond ReadLimits.maxInflatedBytes */
  'zip-too-large',
  /** a zip feature we do not read (zip64, an unusual compression method) */
  'zip-unsupported',
  /** a password-protected document */
  'encrypted',
  /** a pre-2007 binary Office file (.xls, .doc) */
  'old-format',
  /** an XML part with DOCTYPE or entity declarations (entity-expansion attack) */
  'xml-entities',
  /** an XML part that is not well-formed */
  'xml-corrupt',
  /** a table with more cells than ReadLimits.maxCells */
  'too-many-cells',
  /** a workbook or document without anything to read */
  'no-content',
] as const;

export type ReadErrorCode = (typeof READ_ERROR_CODES)[number];

/** The file's name without its folders, as a person recognises it. */
export function displayName(file: string): string {
  const name = file.split(/[\\/]/).pop();
  return name && name.length > 0 ? name : file;
}

/** A ReadError whose message starts with the file's name: `文件“x.xlsx”…`. */
export function readError(code: ReadErrorCode, file: string, message: string): ReadError {
  return new ReadError({ code, file, message: `文件“${displayName(file)}”${message}` });
}

export function isReadError(e: unknown): e is ReadError {
  return e instanceof ReadError;
}

/** "1.5 MB" style sizes for messages. */
export function formatBytes(n: number): string {
  if (n < 1024) return `${n} 字节`;
  if (n < 1024 * 1024) return `${trimZeros((n / 1024).toFixed(1))} KB`;
  return `${trimZeros((n / 1024 / 1024).toFixed(1))} MB`;
}

function trimZeros(s: string): string {
  return s.replace(/\.0$/, '');
}
