/**
 * Reading 一级 / 二级 cells against the taxonomy. These run once per cell while thousands of forms
 * are imported, so every spelling is normalised into lookup maps once, at module load, and a
 * lookup is one normalisation plus one Map.get.
 */

import { isHanCode } from '../values/text.ts';
import {
  LEVEL1_LABELS,
  LEVEL2_LABELS,
  type Level1Label,
  type Level2Label,
  type StandardLabel,
  TAXONOMY,
} from './data.ts';

export type Classified =
  | { standard: StandardLabel; raw: string; points: number | null; synonym: boolean }
  | { standard: 'non-standard'; raw: string; points: number | null };

export type TaxonomyLevel = 'level1' | 'level2';

/** One way a spelling can be read. */
export type LabelReading = {
  level: TaxonomyLevel;
  standard: StandardLabel;
  /** the spelling differs from the standard label (not counting spaces, colons and points) */
  synonym: boolean;
  /** forms also use this spelling as an indicator name (服务对象满意度, 满意度) */
  nameLike: boolean;
};

// \s already covers the ideographic space U+3000, NBSP and BOM; PDF text adds zero-width ones.
const WHITESPACE = /[\s\u200b-\u200d\u2060]+/g;
const TRAILING_COLON = /[:：]+$/;
// NFKC has already turned full-width brackets and digits into ASCII; 【】 have no compatibility form.
const TRAILING_POINTS = /[([【]?(?:分值|权重|满分)?:?(\d+(?:\.\d+)?)分[)\]】]?$/;
// Kangxi radicals (PDF text gives ⼀ for 一), full-width forms and compatibility ideographs.
const NEEDS_NFKC = /[\u2e80-\u2fdf\u3000\uf900-\ufaff\ufe30-\ufe4f\uff00-\uffef]/;

/** Text with compatibility forms folded (NFKC) and every space and line break removed. */
export function compactText(raw: string): string {
  // Most texts hold nothing either pattern matches: one pass over the code units returns them as
  // they are, without running the two regexes (this runs for every cell of every form).
  for (let i = 0; i < raw.length; i++) {
    if (!isPlainCode(raw.charCodeAt(i))) return compactMixed(raw) ?? compactSlow(raw);
  }
  return raw;
}

/** compactText as its definition states it: what the fast paths must give. */
export function compactSlow(raw: string): string {
  return (NEEDS_NFKC.test(raw) ? raw.normalize('NFKC') : raw).replace(WHITESPACE, '');
}

// How compactMixed treats a code unit. Each kind is given to code units whose NFKC form is
// checked at module load, so the table cannot disagree with normalize().
const KEEP = 1; // NFKC leaves it alone and it is no whitespace: ASCII, CJK ideographs
const DROP = 2; // whitespace, and NFKC keeps it whitespace
const FOLD = 3; // NEEDS_NFKC matches it (full-width ASCII): the text is normalised, this one to FOLDED
const OTHER = 4; // no whitespace, NEEDS_NFKC does not match it, but NFKC may change it (①, ․)
const KIND = new Uint8Array(0x10000);
const FOLDED = new Map<number, string>();

/**
 * A unit's NFKC form, when NFKC of a text made of units from the table is the NFKC of each unit
 * side by side; null otherwise. Canonical composition joins a character only to a following mark
 * or conjoining jamo (the second half of every pair it composes), and only marks are reordered:
 * a unit whose NFKC form (the same as its NFKD form) holds neither changes nothing around it.
 */
function inertForm(c: number): string | null {
  const ch = String.fromCharCode(c);
  const k = ch.normalize('NFKC');
  if (k !== ch.normalize('NFKD') || COMPOSES_ONTO.test(k)) return null;
  return k;
}

// marks, and the conjoining jamo Hangul syllables are composed of
const COMPOSES_ONTO = /[\p{M}\u1100-\u11ff\ua960-\ua97f\ud7b0-\ud7ff]|[\ud800-\udfff]/u;

function setKind(c: number): void {
  const ch = String.fromCharCode(c);
  const ws = /^[\s\u200b-\u200d\u2060]$/.test(ch);
  const nfkc = NEEDS_NFKC.test(ch);
  if (ws) {
    // stays whitespace after NFKC (U+3000 becomes a space), so it is dropped either way
    if (/^[\s\u200b-\u200d\u2060]+$/.test(ch.normalize('NFKC'))) KIND[c] = DROP;
    return;
  }
  const form = inertForm(c);
  if (form === null) return;
  if (nfkc) {
    KIND[c] = FOLD;
    FOLDED.set(c, form.replace(WHITESPACE, ''));
  } else if (form === ch) KIND[c] = KEEP;
  else {
    KIND[c] = OTHER;
    FOLDED.set(c, form.replace(WHITESPACE, ''));
  }
}

for (let c = 0; c < 0x80; c++) setKind(c);
// CJK ideographs have no compatibility forms (the tests check every one)
KIND.fill(KEEP, 0x4e00, 0xa000);
KIND.fill(KEEP, 0x3400, 0x4dc0);
// the whitespace of WHITESPACE, full-width ASCII, and punctuation Chinese text uses
for (const [from, to] of [
  [0x80, 0x100],
  [0x1680, 0x1681],
  [0x2000, 0x2070],
  [0x2100, 0x2200],
  [0x2200, 0x2300],
  [0x2300, 0x2800],
  [0x3000, 0x3040],
  [0xfeff, 0xff00],
  [0xff01, 0xff5f],
] as const) {
  for (let c = from; c < to; c++) setKind(c);
}

/**
 * compactText of a text whose every code unit the table knows, a unit at a time; null for any
 * other text. Full-width punctuation, spaces and line breaks are common in cells, and
 * normalize() with two regexes cost several times this.
 */
function compactMixed(raw: string): string | null {
  let normalise = false;
  for (let i = 0; i < raw.length; i++) {
    const k = KIND[raw.charCodeAt(i)];
    if (k === 0) return null;
    if (k === FOLD || raw.charCodeAt(i) === 0x3000) normalise = true;
  }
  let out = '';
  let from = 0;
  for (let i = 0; i < raw.length; i++) {
    const c = raw.charCodeAt(i);
    const k = KIND[c];
    if (k === KEEP || (k === OTHER && !normalise)) continue;
    out += raw.slice(from, i);
    from = i + 1;
    if (k !== DROP) out += FOLDED.get(c) as string;
  }
  return from === 0 ? raw : out + raw.slice(from);
}

/**
 * A code unit neither WHITESPACE nor NEEDS_NFKC matches (checked for every code unit by the
 * tests): ASCII and Latin, general punctuation and symbols (≥, ≤), CJK ideographs. Others go
 * through the regexes.
 */
export function isPlainCode(c: number): boolean {
  if (c > 0x20 && c < 0xa0) return true;
  if (c >= 0x3001) return c < 0xf900 || (c > 0xfaff && c < 0xfe30);
  return (c > 0xa0 && c < 0x1680) || (c > 0x2060 && c < 0x2e80) || (c > 0x200d && c < 0x2028);
}

/**
 * The label a cell spells, without the layout noise that published forms add: spaces inside
 * ('产 出 指 标'), line breaks ('可持续影\n响指标'), a trailing colon, and a score ('(50分)',
 * '（30分）', '50分'), which is returned as `points`. Never throws.
 */
export function normalizeLabel(raw: string): { label: string; points: number | null } {
  if (typeof raw !== 'string') return { label: '', points: null };
  return normalizeCompact(compactText(raw));
}

/** normalizeLabel of a text already compacted. */
function normalizeCompact(compact: string): { label: string; points: number | null } {
  let text = compact.replace(TRAILING_COLON, '');
  let points: number | null = null;
  // Only the end of a label can hold its score. The pattern must end at $ but may start
  // anywhere, so on a whole long cell it would try every start: quadratic, hours for the
  // megabyte of digits in a damaged file. A score is never longer than this tail.
  const tail = text.length > 64 ? text.slice(-64) : text;
  const match = TRAILING_POINTS.exec(tail);
  if (match?.[1] !== undefined) {
    points = Number.isFinite(Number(match[1])) ? Number(match[1]) : null;
    text = text.slice(0, text.length - tail.length + match.index).replace(TRAILING_COLON, '');
  }
  return { label: text, points };
}

type Entry = { standard: StandardLabel; parents: readonly Level1Label[]; nameLike: boolean };

function addReading(map: Map<string, Entry[]>, spelling: string, entry: Entry): void {
  const key = normalizeLabel(spelling).label;
  const list = map.get(key);
  if (!list) {
    map.set(key, [entry]);
    return;
  }
  const same = list.find((e) => e.standard === entry.standard);
  if (!same) list.push(entry);
  // listed as a synonym and as name-like: the stronger reading wins
  else if (same.nameLike && !entry.nameLike) same.nameLike = false;
}

function buildMap(
  entries: readonly {
    label: StandardLabel;
    synonyms: string[];
    nameLike: string[];
    parents?: readonly Level1Label[];
  }[],
): Map<string, Entry[]> {
  const map = new Map<string, Entry[]>();
  // standard labels first, so an exact spelling is always the first reading of its key
  for (const e of entries)
    addReading(map, e.label, { standard: e.label, parents: e.parents ?? [], nameLike: false });
  for (const e of entries) {
    for (const s of e.synonyms)
      addReading(map, s, { standard: e.label, parents: e.parents ?? [], nameLike: false });
    for (const s of e.nameLike)
      addReading(map, s, { standard: e.label, parents: e.parents ?? [], nameLike: true });
  }
  return map;
}

const LEVEL1_MAP = buildMap(TAXONOMY.level1);
const LEVEL2_MAP = buildMap(TAXONOMY.level2);
const PARENTS = new Map<string, readonly Level1Label[]>(TAXONOMY.level2.map((e) => [e.label, e.parents]));
const CHILDREN = new Map<Level1Label, Level2Label[]>(LEVEL1_LABELS.map((l) => [l, []]));
for (const e of TAXONOMY.level2) for (const p of e.parents) CHILDREN.get(p)?.push(e.label);

const LEVEL1_SET: ReadonlySet<string> = new Set(LEVEL1_LABELS);
const LEVEL2_SET: ReadonlySet<string> = new Set(LEVEL2_LABELS);

/**
 * The level a label cell belongs to when read on its own. 成本指标 is both a 二级 (under 产出指标,
 * the national template until 2020 and most forms since) and a 一级 (from 2021); it is reported as
 * 'level2' because that is how the forms met so far use it. labelReadings gives both.
 */
const LABEL_LEVEL = new Map<string, TaxonomyLevel>();
for (const [key, list] of LEVEL1_MAP) if (list.some((e) => !e.nameLike)) LABEL_LEVEL.set(key, 'level1');
for (const [key, list] of LEVEL2_MAP) {
  if (!list.some((e) => !e.nameLike)) continue;
  const level1Only = LEVEL1_SET.has(key) && !LEVEL2_SET.has(key);
  if (!(LABEL_LEVEL.has(key) && level1Only)) LABEL_LEVEL.set(key, 'level2');
}

// First characters of every label spelling. Were a spelling empty, a text holding only points
// ('(50分)') would be a label, whatever its first character: then there is no shortcut.
// Kept as code units: charAt of a CJK character makes a new string, to be hashed for the lookup.
const LABEL_FIRST: ReadonlySet<number> | null = LABEL_LEVEL.has('')
  ? null
  : new Set([...LABEL_LEVEL.keys()].map((key) => key.charCodeAt(0)));
// whether every label starts with an ideograph (mayStartLabel refuses printable ASCII then)
const LABELS_START_WITH_IDEOGRAPHS = LABEL_FIRST !== null && [...LABEL_FIRST].every(isHanCode);

function classified(raw: string, label: string, points: number | null, entry: Entry | undefined): Classified {
  if (!entry) return { standard: 'non-standard', raw, points };
  return { standard: entry.standard, raw, points, synonym: label !== entry.standard };
}

/**
 * A 一级 cell read against the taxonomy. The original text is kept in `raw`; a cell holding only a
 * score ('(50分)', where the label was lost) is non-standard with its points. Null or blank → null.
 */
export function classifyLevel1(raw: string | null | undefined): Classified | null {
  if (typeof raw !== 'string') return null;
  const { label, points } = normalizeLabel(raw);
  if (label === '' && points === null) return null;
  return classified(raw, label, points, LEVEL1_MAP.get(label)?.[0]);
}

/**
 * A 二级 cell read against the taxonomy. `level1` (raw or standard) only decides between readings
 * of a spelling shared by two branches (经济指标: 经济效益指标 under 效益, 经济成本指标 under 成本);
 * a 二级 filed under the wrong 一级 is still classified as what it says, for belongsTo to judge.
 */
export function classifyLevel2(raw: string | null | undefined, level1?: string | null): Classified | null {
  if (typeof raw !== 'string') return null;
  const { label, points } = normalizeLabel(raw);
  if (label === '' && points === null) return null;
  const list = LEVEL2_MAP.get(label);
  let entry = list?.[0];
  if (list && list.length > 1 && entry?.standard !== label && level1) {
    const parent = level1Standard(level1);
    entry = list.find((e) => parent !== null && e.parents.includes(parent)) ?? entry;
  }
  return classified(raw, label, points, entry);
}

function level1Standard(text: string): Level1Label | null {
  if (LEVEL1_SET.has(text)) return text as Level1Label;
  const c = classifyLevel1(text);
  return c && c.standard !== 'non-standard' ? (c.standard as Level1Label) : null;
}

/** The 一级 labels a 二级 may sit under ([] when the text is not a 二级 label). */
export function parentOf(level2: string): readonly Level1Label[] {
  const direct = PARENTS.get(level2);
  if (direct) return direct;
  const c = classifyLevel2(level2);
  return (c && PARENTS.get(c.standard)) ?? [];
}

/** The standard 二级 labels under a 一级 (成本指标 under 产出指标 included: forms still use it). */
export function childrenOf(level1: string): readonly Level2Label[] {
  const parent = level1Standard(level1);
  return (parent && CHILDREN.get(parent)) ?? [];
}

/**
 * Whether a 二级 may sit under a 一级 (raw spellings accepted). False when either is not a
 * standard label: a non-standard name is reported by its own check, not as a misplacement.
 */
export function belongsTo(level2: string | null | undefined, level1: string | null | undefined): boolean {
  if (typeof level1 !== 'string' || typeof level2 !== 'string') return false;
  const parent = level1Standard(level1);
  if (!parent) return false;
  const c = classifyLevel2(level2, parent);
  if (!c || c.standard === 'non-standard') return false;
  return PARENTS.get(c.standard)?.includes(parent) ?? false;
}

/**
 * The 一级 a 二级 label implies, for forms whose 一级 column lost its labels (anhui-project-2022
 * keeps only '(50分)'): 数量指标 → 产出指标. A bare 成本指标 implies 产出指标, the only 一级 it
 * is a 二级 of. Null when the text is not a 二级 label.
 */
export function inferLevel1(level2Raw: string | null | undefined): Level1Label | null {
  const c = classifyLevel2(level2Raw);
  if (!c || c.standard === 'non-standard') return null;
  return PARENTS.get(c.standard)?.[0] ?? null;
}

/**
 * Whether a cell's text is a taxonomy label on its own, to tell label cells from indicator names.
 * Names that merely contain a label word ('园区职工满意度', '部门职工认可度≥90%') are not labels,
 * nor are spellings forms also use as names ('服务对象满意度', '满意度'), nor the column headers
 * '一级指标' / '二级指标'.
 */
export function isTaxonomyLabel(text: string | null | undefined): TaxonomyLevel | null {
  if (typeof text !== 'string') return null;
  // An ideograph first is the compact text's first character too (compacting drops whitespace,
  // folds compatibility forms, and composes nothing onto an ideograph): checked before compacting.
  if (!mayStartLabel(text.charCodeAt(0))) return null;
  const compact = compactText(text);
  // The label normalizeLabel reads is a prefix of the compact text (only its end is cut), so a
  // text whose first character starts no label is none: most cells asked about (names, values)
  // are refused without reading their end for points.
  if (LABEL_FIRST !== null && !LABEL_FIRST.has(compact.charCodeAt(0))) return null;
  return LABEL_LEVEL.get(normalizeCompact(compact).label) ?? null;
}

/**
 * False when a text starting with this code unit is no taxonomy label: an ideograph no label
 * starts with (see isTaxonomyLabel). For callers that would otherwise build a text to ask.
 */
export function mayStartLabel(first: number): boolean {
  if (LABEL_FIRST === null) return true;
  if (isHanCode(first)) return LABEL_FIRST.has(first);
  // Printable ASCII stays first too (NFKC composes at most a Latin letter or ≠ onto it), and
  // while no label starts with a character other than an ideograph, none starts with that.
  if (first > 0x20 && first < 0x7f) return !LABELS_START_WITH_IDEOGRAPHS;
  return true;
}

/** Every reading of a spelling at either level, name-like ones included, 一级 first. */
export function labelReadings(text: string | null | undefined): LabelReading[] {
  if (typeof text !== 'string') return [];
  const { label } = normalizeLabel(text);
  const out: LabelReading[] = [];
  for (const [level, map] of [
    ['level1', LEVEL1_MAP],
    ['level2', LEVEL2_MAP],
  ] as const) {
    for (const e of map.get(label) ?? []) {
      out.push({ level, standard: e.standard, synonym: label !== e.standard, nameLike: e.nameLike });
    }
  }
  return out;
}
