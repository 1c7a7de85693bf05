/**
 * Text folding before value parsing. Published forms mix full-width and half-width forms,
 * several dash and tilde code points, and stray spaces (PDF extraction puts them anywhere,
 * "≥ 90 %"), so the parser works on one canonical spelling. Chinese values never need a
 * space to separate their parts, which is why all whitespace is dropped rather than collapsed.
 */

/** Code points that fold to a single ASCII or canonical character. */
const FOLD: ReadonlyMap<number, string> = new Map<number, string>([
  [0x2267, '≥'], // ≧
  [0x2a7e, '≥'], // ⩾
  [0x2266, '≤'], // ≦
  [0x2a7d, '≤'], // ⩽
  [0xfe65, '>'], // ﹥
  [0xfe64, '<'], // ﹤
  [0xfe66, '='], // ﹦
  [0xfe6a, '%'], // ﹪
  [0x2212, '-'], // − minus sign
  [0xfe58, '-'], // ﹘
  [0xfe63, '-'], // ﹣
  [0x2e3a, '-'], // ⸺
  [0x2e3b, '-'], // ⸻
  [0x301c, '~'], // 〜 wave dash
  [0x223c, '~'], // ∼
  [0x2053, '~'], // ⁓
  [0x22ef, '…'], // ⋯
]);

// every key of FOLD is at or above this
const FOLD_MIN = Math.min(...FOLD.keys());

/** Whether foldText changes or drops this code unit. */
function folds(c: number): boolean {
  return (
    isSpace(c) ||
    (c >= 0xff01 && c <= 0xff5e) ||
    (c >= 0x2010 && c <= 0x2015) ||
    (c >= FOLD_MIN && FOLD.has(c))
  );
}

function isSpace(c: number): boolean {
  return (
    c <= 0x20 ||
    c === 0x7f ||
    c === 0x85 ||
    c === 0xa0 ||
    c === 0x1680 ||
    (c >= 0x2000 && c <= 0x200f) ||
    c === 0x2028 ||
    c === 0x2029 ||
    c === 0x202f ||
    c === 0x205f ||
    c === 0x2060 ||
    c === 0x3000 ||
    c === 0xfeff
  );
}

/**
 * Full-width ASCII to ASCII, every dash to "-", ≧/≦ to ≥/≤, whitespace and control
 * characters removed. Works on UTF-16 code units, so lone surrogates pass through untouched.
 */
export function foldText(raw: string): string {
  // Most texts need no folding (cells are asked about again and again): they are returned as
  // they are, without building a copy one character at a time.
  let start = 0;
  while (start < raw.length && !folds(raw.charCodeAt(start))) start++;
  if (start === raw.length) return raw;
  const out: string[] = [raw.slice(0, start)];
  for (let i = start; i < raw.length; i++) {
    const c = raw.charCodeAt(i);
    if (isSpace(c)) continue;
    if (c >= 0xff01 && c <= 0xff5e) {
      out.push(String.fromCharCode(c - 0xfee0));
    } else if (c >= 0x2010 && c <= 0x2015) {
      out.push('-');
    } else {
      out.push(FOLD.get(c) ?? raw.charAt(i));
    }
  }
  return out.join('');
}

export function isDigitAt(s: string, i: number): boolean {
  const c = s.charCodeAt(i);
  return c >= 0x30 && c <= 0x39;
}

export function isAsciiLetterAt(s: string, i: number): boolean {
  const c = s.charCodeAt(i) | 0x20;
  return c >= 0x61 && c <= 0x7a;
}

/** CJK unified ideographs (basic block and extension A): the characters words are made of. */
export function isHanAt(s: string, i: number): boolean {
  return isHanCode(s.charCodeAt(i));
}

/** isHanAt of one code unit. */
export function isHanCode(c: number): boolean {
  return (c >= 0x4e00 && c <= 0x9fff) || (c >= 0x3400 && c <= 0x4dbf);
}

/** The longest of `words` (sorted longest first within each bucket) that starts at `i`. */
export function longestAt<T>(s: string, i: number, byFirst: WordIndex<T>): readonly [string, T] | null {
  // by code unit: the one-character string charAt would give is a new string for every ideograph
  const bucket = byFirst.get(s.charCodeAt(i));
  if (bucket === undefined) return null;
  for (const entry of bucket) {
    if (s.startsWith(entry[0], i)) return entry;
  }
  return null;
}

/** Words by their first code unit, each bucket longest first. */
export type WordIndex<T> = ReadonlyMap<number, ReadonlyArray<readonly [string, T]>>;

/** Index words by first character, longest first, for `longestAt`. */
export function indexWords<T>(entries: ReadonlyArray<readonly [string, T]>): WordIndex<T> {
  const map = new Map<number, Array<readonly [string, T]>>();
  for (const entry of entries) {
    const first = entry[0].charCodeAt(0);
    const bucket = map.get(first) ?? [];
    bucket.push(entry);
    map.set(first, bucket);
  }
  for (const bucket of map.values()) bucket.sort((a, b) => b[0].length - a[0].length);
  return map;
}
