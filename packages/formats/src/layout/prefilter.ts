/**
 * A cheap refusal in front of a list of patterns: from each pattern's source, the code units a
 * text must start with (an anchored pattern) or contain (any other) for it to match. Most texts
 * asked about (values, names) hold none of them, and one look at a table per code unit refuses
 * them without running a regex or looking a string up in a cache.
 *
 * The reading of a source is deliberately small: literal characters, escaped punctuation, \d,
 * simple character classes, groups with alternatives, and the quantifiers ?, *, +, {n,m}. A
 * pattern it cannot read (other escapes, '.', a negated class, flags other than i) makes the
 * filter let every text through, so the filter is never wrong, only sometimes useless.
 */

/** The code units one position may hold; null when any may. */
type Units = Set<number> | null;

interface Atom {
  units: Units;
  /** the atom may match nothing (it is followed by ?, * or {0,…}, or is a group that may) */
  optional: boolean;
  end: number;
}

const SPECIAL = new Set(['\\', '^', '$', '.', '|', '?', '*', '+', '(', ')', '[', ']', '{', '}']);
const DIGITS = new Set(Array.from({ length: 10 }, (_, i) => 0x30 + i));

/**
 * Returns a predicate that is false only for texts no pattern of the list can match. Given a
 * `tail`, it judges `text + tail` without building that string.
 */
export function mayMatchAny(patterns: readonly RegExp[]): (text: string, tail?: string) => boolean {
  const start = new Uint8Array(0x10000);
  const anywhere = new Uint8Array(0x10000);
  // For a first unit: code units one of which the text must also hold, the union over the
  // anchored patterns starting with it (none kept where one of them requires nothing more).
  // '1.年度总体目标' and '100' both start with a digit; only the first holds 年, 项 or 总.
  const holding = new Map<number, Set<number> | null>();
  let anyAnywhere = false;
  for (const re of patterns) {
    const found = requiredUnits(re);
    if (found === null) return () => true;
    if (!found.anchored) {
      anyAnywhere = true;
      for (const u of found.units) anywhere[u] = 1;
      continue;
    }
    for (const u of found.units) {
      const known = holding.get(u);
      if (start[u] === 0) holding.set(u, found.holds === null ? null : new Set(found.holds));
      else if (known && found.holds) for (const h of found.holds) known.add(h);
      else holding.set(u, null);
      start[u] = 1;
    }
  }
  return (text: string, tail = ''): boolean => {
    if (text.length + tail.length > 0) {
      const first = text.length > 0 ? text.charCodeAt(0) : tail.charCodeAt(0);
      if (start[first] === 1) {
        const holds = holding.get(first);
        if (!holds) return true;
        for (let i = 0; i < text.length; i++) if (holds.has(text.charCodeAt(i))) return true;
        for (let i = 0; i < tail.length; i++) if (holds.has(tail.charCodeAt(i))) return true;
      }
    }
    if (anyAnywhere) {
      for (let i = 0; i < text.length; i++) if (anywhere[text.charCodeAt(i)] === 1) return true;
      for (let i = 0; i < tail.length; i++) if (anywhere[tail.charCodeAt(i)] === 1) return true;
    }
    return false;
  };
}

/**
 * For a pattern with a leading '^': the code units a match starts with. For any other: code units
 * one of which every match holds. Null when the source is beyond this reading.
 */
export function requiredUnits(
  re: RegExp,
): { anchored: boolean; units: Set<number>; holds: Set<number> | null } | null {
  if (re.flags !== '' && re.flags !== 'i') return null;
  const src = re.source;
  if (topLevelBar(src)) return null;
  const anchored = src.startsWith('^');
  const units = anchored ? firstOfSequence(src, 1, src.length) : rarestRequired(src, 0);
  if (units === null || units.size === 0) return null;
  const cased = (u: Set<number>) => (re.flags === 'i' ? withCases(u) : u);
  // an anchored match also holds a unit of its rarest required atom, wherever that stands
  const holds = anchored ? rarestRequired(src, 1) : null;
  return { anchored, units: cased(units), holds: holds === null || holds.size === 0 ? null : cased(holds) };
}

function withCases(units: Set<number>): Set<number> {
  const out = new Set(units);
  for (const u of units) {
    const ch = String.fromCharCode(u);
    for (const v of [ch.toLowerCase(), ch.toUpperCase()]) if (v.length === 1) out.add(v.charCodeAt(0));
  }
  // case-insensitive matching may fold other characters together (ſ, K): only ASCII is read here
  for (const u of out)
    if (u > 0x7f && String.fromCharCode(u).toLowerCase() !== String.fromCharCode(u).toUpperCase())
      return new Set();
  return out;
}

/**
 * Of the atoms every match holds (those of the top-level sequence that may not be left out), the
 * one whose code units are least common in cells: the highest lowest unit (a CJK character over a
 * digit or a bracket). Null when no atom can be read.
 */
function rarestRequired(src: string, from: number): Units {
  let best: Set<number> | null = null;
  let bestLow = -1;
  let i = from;
  while (i < src.length) {
    if (src[i] === '$') {
      i++;
      continue;
    }
    const atom = readAtom(src, i, src.length);
    if (atom === null) break;
    if (!atom.optional && atom.units !== null && atom.units.size > 0) {
      const low = Math.min(...atom.units);
      if (low > bestLow) {
        best = atom.units;
        bestLow = low;
      }
    }
    i = atom.end;
  }
  return best;
}

/** Whether the source has a '|' outside every group and class (the '^' would bind to one side). */
function topLevelBar(src: string): boolean {
  let depth = 0;
  for (let i = 0; i < src.length; i++) {
    const c = src[i];
    if (c === '\\') i++;
    else if (c === '[') i = classEnd(src, i);
    else if (c === '(') depth++;
    else if (c === ')') depth--;
    else if (c === '|' && depth === 0) return true;
  }
  return false;
}

/** The units the sequence src[from, to) may start with; null when it may be empty or is unread. */
function firstOfSequence(src: string, from: number, to: number): Units {
  const out = new Set<number>();
  let i = from;
  while (i < to) {
    if (src[i] === '$') return null;
    const atom = readAtom(src, i, to);
    if (atom === null || atom.units === null) return null;
    for (const u of atom.units) out.add(u);
    if (!atom.optional) return out;
    i = atom.end;
  }
  return null;
}

function readAtom(src: string, i: number, to: number): Atom | null {
  const c = src[i]!;
  let units: Units;
  let end: number;
  let mayBeEmpty = false;
  if (c === '\\') {
    const e = src[i + 1];
    if (e === undefined) return null;
    if (e === 'd') units = DIGITS;
    else if (SPECIAL.has(e) || e === '/' || e === '-') units = new Set([e.charCodeAt(0)]);
    else return null;
    end = i + 2;
  } else if (c === '[') {
    end = classEnd(src, i) + 1;
    units = classUnits(src.slice(i + 1, end - 1));
  } else if (c === '(') {
    const close = groupEnd(src, i);
    if (close < 0 || close >= to) return null;
    let body = i + 1;
    if (src.startsWith('?:', body)) body += 2;
    else if (src[body] === '?') return null;
    units = new Set<number>();
    for (const [a, b] of alternatives(src, body, close)) {
      const f = firstOfSequence(src, a, b);
      if (f === null) {
        // an alternative that may be empty makes the group optional; one beyond reading, unread
        if (!canBeEmpty(src, a, b)) return null;
        mayBeEmpty = true;
        continue;
      }
      for (const u of f) units.add(u);
    }
    end = close + 1;
  } else if (SPECIAL.has(c)) {
    return null;
  } else {
    units = new Set([c.charCodeAt(0)]);
    end = i + 1;
  }
  const q = src[end];
  let optional = mayBeEmpty;
  if (q === '?' || q === '*') {
    optional = true;
    end++;
  } else if (q === '+') end++;
  else if (q === '{') {
    const m = /^\{(\d+)(,\d*)?\}/.exec(src.slice(end));
    if (!m) return null;
    if (Number(m[1]) === 0) optional = true;
    end += m[0].length;
  }
  if (src[end] === '?') end++; // a lazy quantifier matches the same texts
  return { units, optional, end };
}

/** Whether src[a, b) is empty or made only of atoms that may match nothing. */
function canBeEmpty(src: string, a: number, b: number): boolean {
  let i = a;
  while (i < b) {
    const atom = readAtom(src, i, b);
    if (atom === null || !atom.optional) return false;
    i = atom.end;
  }
  return true;
}

function alternatives(src: string, from: number, to: number): [number, number][] {
  const out: [number, number][] = [];
  let depth = 0;
  let start = from;
  for (let i = from; i < to; i++) {
    const c = src[i];
    if (c === '\\') i++;
    else if (c === '[') i = classEnd(src, i);
    else if (c === '(') depth++;
    else if (c === ')') depth--;
    else if (c === '|' && depth === 0) {
      out.push([start, i]);
      start = i + 1;
    }
  }
  out.push([start, to]);
  return out;
}

function groupEnd(src: string, open: number): number {
  let depth = 0;
  for (let i = open; i < src.length; i++) {
    const c = src[i];
    if (c === '\\') i++;
    else if (c === '[') i = classEnd(src, i);
    else if (c === '(') depth++;
    else if (c === ')') {
      depth--;
      if (depth === 0) return i;
    }
  }
  return -1;
}

/** Index of the ']' closing the class opened at `open`. */
function classEnd(src: string, open: number): number {
  for (let i = open + 1; i < src.length; i++) {
    if (src[i] === '\\') i++;
    else if (src[i] === ']') return i;
  }
  return src.length;
}

/** The units of a class body without negation: literal characters, escaped ones, ranges, \d. */
function classUnits(body: string): Units {
  // an escaped '-' would read as a range below
  if (body.startsWith('^') || body.length === 0 || body.includes('\\-')) return null;
  const out = new Set<number>();
  const chars: (number | 'd')[] = [];
  for (let i = 0; i < body.length; i++) {
    if (body[i] === '\\') {
      const e = body[i + 1];
      if (e === 'd') chars.push('d');
      else if (e !== undefined && (SPECIAL.has(e) || e === '/' || e === '-')) chars.push(e.charCodeAt(0));
      else return null;
      i++;
    } else chars.push(body.charCodeAt(i));
  }
  for (let k = 0; k < chars.length; k++) {
    const a = chars[k]!;
    if (a === 'd') {
      for (const d of DIGITS) out.add(d);
      continue;
    }
    const b = chars[k + 2];
    if (chars[k + 1] === 0x2d && b !== undefined && b !== 'd') {
      if (b < a) return null;
      for (let u = a; u <= b; u++) out.add(u);
      k += 2;
    } else out.add(a);
  }
  return out;
}
