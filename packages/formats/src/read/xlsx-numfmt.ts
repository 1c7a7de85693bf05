/**
 * Excel number formats, reduced to what a form needs: a cell shows "83.50%" when its value is
 * 0.835 under the format 0.00%, and a date typed as 2024/6/10 is the serial 45453. Readers
 * must see what the person saw, so percent formats render as displayed, dates as YYYY-MM-DD,
 * and other numbers as their shortest decimal text (Excel's 15 significant digits, so
 * 0.1 + 0.2 shows as 0.3).
 */

export type NumFmtKind = 'general' | 'number' | 'percent' | 'date' | 'time' | 'text';

export interface NumFmt {
  kind: NumFmtKind;
  /** decimals shown, for percent formats */
  decimals: number;
  /** time formats that show seconds */
  seconds: boolean;
}

const GENERAL: NumFmt = { kind: 'general', decimals: 0, seconds: false };

/** Built-in format ids that are dates or times (including the zh-CN locale's 27–36, 50–58). */
const BUILTIN_DATE = new Set([14, 15, 16, 17, 22, 27, 28, 29, 30, 31, 36, 50, 51, 52, 53, 54, 57, 58]);
const BUILTIN_TIME = new Set([18, 19, 20, 21, 32, 33, 34, 35, 45, 46, 47, 55, 56]);
const BUILTIN_TIME_SECONDS = new Set([19, 21, 33, 35, 45, 46, 47, 56]);

/** What a cell format shows, from its numFmtId and (for custom formats) its format code. */
export function classifyFormat(id: number, code: string | undefined): NumFmt {
  if (code === undefined) {
    if (id === 9) return { kind: 'percent', decimals: 0, seconds: false };
    if (id === 10) return { kind: 'percent', decimals: 2, seconds: false };
    if (BUILTIN_DATE.has(id)) return { kind: 'date', decimals: 0, seconds: false };
    if (BUILTIN_TIME.has(id)) return { kind: 'time', decimals: 0, seconds: BUILTIN_TIME_SECONDS.has(id) };
    if (id === 49) return { kind: 'text', decimals: 0, seconds: false };
    return id === 0 ? GENERAL : { kind: 'number', decimals: 0, seconds: false };
  }
  return classifyCode(code);
}

/** Classifies a format code by its first section, ignoring quoted text, escapes and [..] codes. */
export function classifyCode(code: string): NumFmt {
  const section = firstSection(code);
  const elapsed = /\[(h+|m+|s+)\]/i.test(section);
  const bare = section
    .replace(/"[^"]*"/g, '')
    .replace(/\\./g, '')
    .replace(/[_*]./g, '')
    .replace(/\[[^\]]*\]/g, '')
    .replace(/general/gi, '')
    .replace(/e[+-]/gi, '');
  if (bare.includes('%')) {
    const m = /\.([0#?]+)/.exec(bare);
    return { kind: 'percent', decimals: m ? m[1]!.length : 0, seconds: false };
  }
  const lower = bare.toLowerCase();
  const hasDate = /[yd]/.test(lower) || /e/.test(lower) || (lower.includes('m') && !/[hs]/.test(lower));
  const hasTime = /[hs]/.test(lower) || elapsed || /上午|下午|am\/pm|a\/p/.test(lower);
  if (hasDate) return { kind: 'date', decimals: 0, seconds: false };
  if (hasTime) return { kind: 'time', decimals: 0, seconds: lower.includes('s') || /\[s+\]/i.test(section) };
  if (bare.includes('@')) return { kind: 'text', decimals: 0, seconds: false };
  if (bare.trim() === '') return GENERAL;
  return { kind: 'number', decimals: 0, seconds: false };
}

function firstSection(code: string): string {
  let inQuote = false;
  for (let i = 0; i < code.length; i++) {
    const ch = code[i];
    if (ch === '"') inQuote = !inQuote;
    else if (ch === '\\') i++;
    else if (ch === ';' && !inQuote) return code.slice(0, i);
  }
  return code;
}

/** A decimal as its digits and the power of ten of the last digit: 390.76 = 39076 × 10^-2. */
interface Dec {
  neg: boolean;
  digits: string;
  scale: number;
}

/** The value Excel displays: 15 significant digits, so binary noise (0.30000000000000004) goes. */
function toDec(n: number): Dec {
  const neg = n < 0;
  const s = Math.abs(n).toPrecision(15);
  const [mant = '0', expPart] = s.split('e');
  const exp = expPart ? Number(expPart) : 0;
  const [intPart = '0', frac = ''] = mant.split('.');
  let digits = (intPart + frac).replace(/^0+/, '');
  let scale = exp - frac.length;
  while (digits.endsWith('0')) {
    digits = digits.slice(0, -1);
    scale++;
  }
  return { neg: neg && digits.length > 0, digits, scale };
}

function decToString(d: Dec, minDecimals = 0): string {
  let { digits, scale } = d;
  if (digits === '') {
    digits = '0';
    scale = 0;
  }
  if (scale < -minDecimals) {
    // already has more decimals than asked
  } else if (scale > -minDecimals) {
    const pad = scale + minDecimals;
    digits += '0'.repeat(pad);
    scale = -minDecimals;
  }
  let out: string;
  if (scale >= 0) out = digits;
  else {
    const k = -scale;
    out =
      digits.length > k
        ? `${digits.slice(0, digits.length - k)}.${digits.slice(digits.length - k)}`
        : `0.${'0'.repeat(k - digits.length)}${digits}`;
  }
  return d.neg ? `-${out}` : out;
}

/** Rounds half away from zero (as Excel displays) to `places` decimals. */
function roundDec(d: Dec, places: number): Dec {
  if (d.scale >= -places) return d;
  const drop = -places - d.scale;
  const len = d.digits.length;
  const keep = drop >= len ? '' : d.digits.slice(0, len - drop);
  const first = drop > len ? '0' : d.digits[len - drop]!;
  let kept = BigInt(keep === '' ? '0' : keep);
  if (first >= '5') kept += 1n;
  const digits = kept === 0n ? '' : kept.toString();
  return { neg: d.neg && digits !== '', digits, scale: -places };
}

/** Shortest decimal text of a number as Excel shows it: no exponent, 15 significant digits. */
export function numberText(n: number): string {
  if (!Number.isFinite(n)) return String(n);
  return decToString(toDec(n));
}

/** "83.50%" for 0.835 with two decimals. */
export function percentText(n: number, decimals: number): string {
  const d = toDec(n);
  const shifted: Dec = { ...d, scale: d.scale + 2 };
  return `${decToString(roundDec(shifted, decimals), decimals)}%`;
}

const DAY_MS = 86_400_000;

/** The calendar date of an Excel serial, YYYY-MM-DD; null outside Excel's date range. */
export function serialToDate(serial: number, date1904: boolean): string | null {
  if (!Number.isFinite(serial) || serial < 1 || serial > 2_958_465) return null;
  // a time of 23:59:59.9995 is stored a hair below the next day; Excel shows it as that day
  const days = Math.floor(serial + 1e-9);
  if (!date1904 && days === 60) return '1900-02-29'; // Lotus 1-2-3's leap-year bug, kept by Excel
  let ms: number;
  if (date1904) ms = Date.UTC(1904, 0, 1) + days * DAY_MS;
  else ms = (days < 60 ? Date.UTC(1899, 11, 31) : Date.UTC(1899, 11, 30)) + days * DAY_MS;
  const dt = new Date(ms);
  const y = dt.getUTCFullYear();
  const m = String(dt.getUTCMonth() + 1).padStart(2, '0');
  const day = String(dt.getUTCDate()).padStart(2, '0');
  return `${String(y).padStart(4, '0')}-${m}-${day}`;
}

/** "09:30" or "09:30:15" for the fraction of a day. */
export function serialToTime(serial: number, seconds: boolean): string {
  const total = Math.round((serial - Math.floor(serial)) * 86400) % 86400;
  const h = String(Math.floor(total / 3600)).padStart(2, '0');
  const m = String(Math.floor((total % 3600) / 60)).padStart(2, '0');
  const s = String(total % 60).padStart(2, '0');
  return seconds ? `${h}:${m}:${s}` : `${h}:${m}`;
}

/** The text a numeric cell value shows under its format. */
export function formatNumber(raw: string, fmt: NumFmt, date1904: boolean): string {
  const n = Number(raw);
  if (raw.trim() === '' || !Number.isFinite(n)) return raw.trim();
  switch (fmt.kind) {
    case 'percent':
      return percentText(n, fmt.decimals);
    case 'date':
      return serialToDate(n, date1904) ?? numberText(n);
    case 'time':
      return n >= 0 ? serialToTime(n, fmt.seconds) : numberText(n);
    default:
      return numberText(n);
  }
}
