/**
 * The fuzzer behind `npm run fuzz` and scripts/fuzz.test.ts: random and mutated inputs for
 * every reader (importBytes, which reads with readFile, extracts and validates), core's
 * parseValue and validate, and the API's JSON request bodies (fastify inject against a real
 * SQLite database). Every input is derived from (seed, target, index), so a failure is
 * reproduced by its seed and index alone; its bytes are written out as well.
 *
 * A failure is: an exception other than the structured one (ReadError for readers, none for
 * parseValue and validate), a result of the wrong shape, an input that took longer than the
 * target's limit, or an API answer that is 5xx or not `{error: {code, message}}`.
 */
import { mkdirSync, mkdtempSync, readdirSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { extname, join } from 'node:path';
import { parseValue, validate } from '../packages/core/src/index.ts';
import { CORPUS_FORMATS, generateForm, renderForm } from '../packages/formats/src/corpus/index.ts';
import { createRng, hashText, type Rng } from '../packages/formats/src/corpus/random.ts';
import { ReadError } from '../packages/formats/src/grid.ts';
import { importBytes } from '../packages/formats/src/import.ts';
import { zipParts } from '../packages/formats/src/read/build-ooxml.ts';
import { resolveLimits, startClock } from '../packages/formats/src/read/limits.ts';
import { isPdfJsStrayRejection } from '../packages/formats/src/read/pdf-stray.ts';
import { openZip } from '../packages/formats/src/read/zip.ts';
import { samplesDir } from '../test-support/samples.ts';

export const TARGETS = ['parseValue', 'validate', 'readers', 'api'] as const;
export type Target = (typeof TARGETS)[number];

/** How many inputs of each target one round makes: the fast targets get most of them. */
export const DEFAULT_MIX: Record<Target, number> = { parseValue: 400, validate: 40, readers: 2, api: 1 };

/** CPU time per input beyond which it counts as a hang (ms, plus timeLimit's allowance for size). */
export const TIME_LIMITS: Record<Target, number> = {
  parseValue: 1000,
  validate: 2000,
  readers: 12_000,
  api: 15_000,
};

/**
 * The limit for one input: the target's base, plus 20 ms per kilobyte, so that linear work on a
 * megabyte cell passes and only work that grows faster than the input (or never ends) fails.
 */
export function timeLimit(target: Target, bytes: number): number {
  return TIME_LIMITS[target] + Math.round(bytes / 50);
}

const READ_LIMITS = { timeoutMs: 5000 };

export interface FuzzOptions {
  seed: number;
  /** stop after this many inputs in all (whichever of count and seconds comes first) */
  count?: number;
  seconds?: number;
  targets?: readonly Target[];
  mix?: Partial<Record<Target, number>>;
  /** where failures are written (one .json and the input per failure); none when absent */
  failureDir?: string;
  /** called with the counts now and then */
  progress?: (stats: FuzzStats) => void;
  /** told which input is about to run, for a watchdog that reports hangs */
  onInput?: (target: Target, index: number) => void;
  /** run only this input (to reproduce a failure) */
  only?: { target: Target; index: number };
}

export interface Failure {
  target: Target;
  seed: number;
  index: number;
  kind: 'crash' | 'bad-result' | 'slow' | 'server-error' | 'unstructured';
  message: string;
  stack?: string;
  /** what the input was made from */
  origin: string;
  ms: number;
}

export interface FuzzStats {
  seed: number;
  inputs: Record<Target, number>;
  total: number;
  failures: Failure[];
  /** outcomes: e.g. readers refused/read, validate ok/invalid, api status classes */
  outcomes: Record<string, number>;
  slowest: Record<Target, number>;
  elapsedMs: number;
}

interface Input {
  origin: string;
  /** what is written to the failure folder */
  bytes: Uint8Array;
  ext: string;
}

// ---------------------------------------------------------------- mutations

const CHARS = [
  ...'0123456789０１２３４５６７８９.,，。%％‰≥≤<>=＞＜≧≦~～-—–+×÷/()（）[]【】 \t\n\r',
  ...'零一二三四五六七八九十百千万亿元个次天年月日季度以上以下不低于不超过不少于约达到提高降低',
  ...'是否良好优秀满意度完成率合格按时≈±∞e E NaNInfinity',
  '\u0000',
  '\u200b',
  '\ufeff',
  '\ud800',
  '\udfff',
  '😀',
  'ｅ',
];

/** JSON text of a fuzzed value; values too deep or large for JSON.stringify become a note. */
function jsonText(v: unknown): string {
  try {
    return JSON.stringify(v) ?? 'null';
  } catch (e) {
    return `"unserialisable: ${e instanceof Error ? e.message : String(e)}"`;
  }
}

/** JSON text nested `depth` deep inside a document field, beyond what JSON.stringify can write. */
function deepText(rng: Rng, depth: number): string {
  const [open, close] = rng.pick([
    ['[', ']'],
    ['{"a":', '}'],
    ['{"raw":', '}'],
  ]);
  const field = rng.pick(['indicators', 'goals', 'budget', 'unit', 'document', 'body', 'extra']);
  return `{"kind":"project","${field}":${open.repeat(depth)}1${close.repeat(depth)}}`;
}

/** encodeURIComponent, with lone surrogates (which it refuses) replaced. */
function urlSafe(s: string): string {
  return encodeURIComponent(s.replace(/[\ud800-\udfff]/g, '\ufffd'));
}

function randomString(rng: Rng, max: number): string {
  const n = rng.int(0, max);
  let s = '';
  for (let i = 0; i < n; i++) s += rng.pick(CHARS);
  return s;
}

function mutateString(rng: Rng, base: string): string {
  let s = base;
  const steps = rng.int(1, 4);
  for (let k = 0; k < steps; k++) {
    const at = rng.int(0, s.length);
    switch (rng.int(0, 7)) {
      case 0:
        s = s.slice(0, at) + randomString(rng, 6) + s.slice(at);
        break;
      case 1:
        s = s.slice(0, at) + s.slice(at + rng.int(1, 5));
        break;
      case 2:
        s = s.slice(0, at);
        break;
      case 3:
        s = `${s}${rng.pick(['%', '万元', '个', '天', '以上', '≥', '年', '‰', '.', ',', 'e999'])}`;
        break;
      case 4:
        s = `${rng.pick(['≥', '≤', '>', '<', '不低于', '约', '-', '+', '≈'])}${s}`;
        break;
      case 5:
        s = s.repeat(rng.int(2, 6));
        break;
      case 6:
        s = `${'9'.repeat(rng.int(10, 400))}${s}`;
        break;
      default:
        s = s
          .split('')
          .map((c) => (rng.chance(0.2) ? rng.pick(CHARS) : c))
          .join('');
    }
  }
  return s;
}

function giant(rng: Rng): string {
  const unit = rng.pick(['格', 'x', '1', '9,', '万元', '≥', ' ', '<td>', '|', '\t']);
  // mostly tens of kilobytes; now and then a megabyte
  const size = rng.chance(0.1) ? rng.int(200_000, 1_000_000) : rng.int(1000, 50_000);
  return unit.repeat(Math.ceil(size / unit.length));
}

function deepJson(rng: Rng, depth: number): unknown {
  let v: unknown = rng.pick([1, 'x', null, {}, []]);
  const asArray = rng.chance(0.5);
  for (let i = 0; i < depth; i++) v = asArray ? [v] : { a: v };
  return v;
}

function randomJson(rng: Rng, depth = 0): unknown {
  switch (rng.int(0, depth > 3 ? 5 : 7)) {
    case 0:
      return null;
    case 1:
      return rng.pick([0, -1, 1e308, -1e308, 0.1, 2 ** 53, 1e-320, 1e20]);
    case 2:
      return rng.chance(0.5);
    case 3:
      return randomString(rng, 20);
    case 4:
      return rng.pick([
        '',
        'null',
        '100',
        '≥95%',
        '2023',
        'project',
        'department',
        '__proto__',
        'constructor',
      ]);
    case 5:
      return rng.int(-5, 5000);
    case 6:
      return Array.from({ length: rng.int(0, 4) }, () => randomJson(rng, depth + 1));
    default: {
      const o: Record<string, unknown> = {};
      for (let i = rng.int(0, 4); i > 0; i--) {
        o[rng.pick(['kind', 'year', 'unit', 'indicators', 'budget', 'goals', 'raw', 'x', '__proto__'])] =
          randomJson(rng, depth + 1);
      }
      return o;
    }
  }
}

/** A random path into a JSON value, as the list of containers and keys along it. */
function mutateJson(rng: Rng, value: unknown): unknown {
  const root = structuredClone(value) as unknown;
  const steps = rng.int(1, 5);
  let out = root;
  for (let k = 0; k < steps; k++) out = mutateOnce(rng, out);
  return out;
}

function mutateOnce(rng: Rng, root: unknown): unknown {
  // Walk down to a random container.
  const path: { parent: Record<string, unknown> | unknown[]; key: string | number }[] = [];
  let node = root;
  while (node !== null && typeof node === 'object' && rng.chance(0.75)) {
    const keys = Array.isArray(node) ? node.map((_, i) => i) : Object.keys(node);
    if (keys.length === 0) break;
    const key = rng.pick(keys as (string | number)[]);
    path.push({ parent: node as Record<string, unknown>, key });
    node = (node as Record<string | number, unknown>)[key];
  }
  const replace = (v: unknown): unknown => {
    const last = path.at(-1);
    if (!last) return v;
    (last.parent as Record<string | number, unknown>)[last.key] = v;
    return root;
  };
  switch (rng.int(0, 9)) {
    case 0:
      return replace(randomJson(rng));
    case 1: {
      const last = path.at(-1);
      if (!last) return root;
      if (Array.isArray(last.parent)) last.parent.splice(Number(last.key), 1);
      else delete last.parent[last.key as string];
      return root;
    }
    case 2:
      return replace(typeof node === 'string' ? mutateString(rng, node) : jsonText(node));
    case 3:
      return replace(deepJson(rng, rng.int(50, 3000)));
    case 4:
      return replace(rng.chance(0.3) ? giant(rng) : randomString(rng, 200));
    case 5:
      if (Array.isArray(node)) return replace(rng.shuffle(node));
      return replace([node, node]);
    case 6:
      if (Array.isArray(node) && node.length > 0) {
        return replace(Array.from({ length: rng.int(10, 300) }, () => rng.pick(node)));
      }
      return replace(null);
    case 7:
      return replace(
        typeof node === 'number' ? rng.pick([-node, node * 1e12, 0, Number.NaN]) : rng.int(-10, 10),
      );
    case 8:
      if (node !== null && typeof node === 'object' && !Array.isArray(node)) {
        (node as Record<string, unknown>)[rng.pick(['extra', 'raw', 'value', 'op', 'unit'])] =
          randomJson(rng);
        return root;
      }
      return replace({ raw: typeof node === 'string' ? node : jsonText(node) });
    default:
      return rng.chance(0.5) ? randomJson(rng) : root;
  }
}

const enc = new TextEncoder();
const dec = new TextDecoder('utf-8');

const TEXT_EXT = new Set(['txt', 'md', 'csv', 'html', 'htm', 'xls', 'tsv']);

function mutateText(rng: Rng, text: string, ext: string): string {
  switch (rng.int(0, 6)) {
    case 0: {
      // shuffled rows
      const lines = text.split('\n');
      const from = rng.int(0, Math.max(0, lines.length - 1));
      const len = rng.int(2, 40);
      const window = rng.shuffle(lines.slice(from, from + len));
      lines.splice(from, window.length, ...window);
      return lines.join('\n');
    }
    case 1: {
      // a giant cell
      const at = rng.int(0, text.length);
      return text.slice(0, at) + giant(rng) + text.slice(at);
    }
    case 2: {
      // deep nesting
      const depth = rng.int(100, 30_000);
      const [open, close] =
        ext === 'html' || ext === 'htm' || ext === 'xls'
          ? rng.pick([
              ['<div>', '</div>'],
              ['<table><tr><td>', '</td></tr></table>'],
              ['<span><b>', '</b></span>'],
              ['<td>', ''],
            ])
          : rng.pick([
              ['> ', ''],
              ['  - ', '\n'],
              ['|', '|'],
              ['"', '"'],
              ['(', ')'],
            ]);
      const at = rng.int(0, text.length);
      return `${text.slice(0, at)}${open.repeat(depth)}深处${close.repeat(depth)}${text.slice(at)}`;
    }
    case 3: {
      // duplicate rows
      const lines = text.split('\n');
      const i = rng.int(0, Math.max(0, lines.length - 1));
      lines.splice(i, 0, ...Array.from({ length: rng.int(2, 2000) }, () => lines[i] ?? ''));
      return lines.join('\n');
    }
    case 4:
      return text
        .split('\n')
        .map((l) => (rng.chance(0.1) ? mutateString(rng, l) : l))
        .join('\n');
    case 5:
      return text.replace(/[|,\t]/g, (c) =>
        rng.chance(0.1) ? rng.pick(['|', ',', '\t', '', '||', '"']) : c,
      );
    default:
      return text.slice(0, rng.int(0, text.length));
  }
}

function mutateBytes(rng: Rng, bytes: Uint8Array): Uint8Array {
  switch (rng.int(0, 4)) {
    case 0:
      return bytes.slice(0, rng.int(0, bytes.length));
    case 1: {
      const out = bytes.slice();
      for (let i = rng.int(1, 16); i > 0 && out.length > 0; i--)
        out[rng.int(0, out.length - 1)] = rng.int(0, 255);
      return out;
    }
    case 2: {
      const at = rng.int(0, bytes.length);
      const junk = Uint8Array.from({ length: rng.int(1, 4096) }, () => rng.int(0, 255));
      return concat([bytes.slice(0, at), junk, bytes.slice(at)]);
    }
    case 3: {
      // swap two chunks
      const out = bytes.slice();
      const n = rng.int(1, Math.max(1, Math.floor(out.length / 8)));
      const a = rng.int(0, Math.max(0, out.length - n));
      const b = rng.int(0, Math.max(0, out.length - n));
      const tmp = out.slice(a, a + n);
      out.copyWithin(a, b, b + n);
      out.set(tmp, b);
      return out;
    }
    default:
      return Uint8Array.from({ length: rng.int(0, 4096) }, () => rng.int(0, 255));
  }
}

function concat(parts: Uint8Array[]): Uint8Array {
  const out = new Uint8Array(parts.reduce((n, p) => n + p.length, 0));
  let at = 0;
  for (const p of parts) {
    out.set(p, at);
    at += p.length;
  }
  return out;
}

/** Changes an xlsx or docx inside: one part's XML mutated, or hostile parts added, then re-zipped. */
function mutateOoxml(rng: Rng, bytes: Uint8Array, file: string): Uint8Array {
  const lim = resolveLimits(READ_LIMITS);
  const zip = openZip(bytes, file, lim, startClock(file, lim), 'zip');
  const parts: Record<string, string | Uint8Array> = {};
  for (const name of zip.names) parts[name] = zip.read(name) ?? new Uint8Array();
  const xmlNames = zip.names.filter((n) => n.endsWith('.xml') || n.endsWith('.rels'));
  const target = rng.pick(xmlNames.length > 0 ? xmlNames : zip.names);
  let xml = dec.decode(parts[target] as Uint8Array);
  switch (rng.int(0, 6)) {
    case 0:
      xml = xml.slice(0, rng.int(0, xml.length));
      break;
    case 1: {
      // entity expansion
      const bomb =
        '<!DOCTYPE x [<!ENTITY a "aaaaaaaaaa"><!ENTITY b "&a;&a;&a;&a;&a;&a;&a;&a;&a;&a;">' +
        '<!ENTITY c "&b;&b;&b;&b;&b;&b;&b;&b;&b;&b;"><!ENTITY d "&c;&c;&c;&c;&c;&c;&c;&c;&c;&c;">' +
        '<!ENTITY e SYSTEM "file:///etc/passwd">]>';
      xml = xml
        .replace(/^(<\?xml[^>]*\?>)?/, (m) => `${m}${bomb}`)
        .replace(/<t>|<w:t>|<v>/, (m) => `${m}&d;&e;`);
      break;
    }
    case 2: {
      const depth = rng.int(100, 20_000);
      const tag = rng.pick(['x', 'w:tbl', 'w:tc', 'row', 'c', 'w:p']);
      const at = xml.lastIndexOf('</');
      if (at > 0)
        xml = `${xml.slice(0, at)}${`<${tag}>`.repeat(depth)}${`</${tag}>`.repeat(depth)}${xml.slice(at)}`;
      break;
    }
    case 3:
      xml = xml.replace(
        /<t>|<w:t>|<t xml:space="preserve">|<w:t xml:space="preserve">/,
        (m) => `${m}${giant(rng)}`,
      );
      break;
    case 4:
      xml = mutateText(rng, xml.replace(/></g, '>\n<'), 'xml');
      break;
    case 5:
      xml = xml.replace(/\br="[A-Z]+\d+"|\bref="[^"]*"|w:gridSpan w:val="\d+"/g, (m) =>
        rng.chance(0.3) ? m.replace(/\d+/, String(rng.pick([0, 1048577, 99999999, -1]))) : m,
      );
      break;
    default:
      parts[rng.pick(['../../evil.xml', '/etc/x.xml', 'C:/x.xml', 'xl/../../up.xml'])] = '<x/>';
  }
  parts[target] = xml;
  return zipParts(parts);
}

// ---------------------------------------------------------------- seeds

interface Seeds {
  strings: string[];
  documents: unknown[];
  files: { name: string; bytes: Uint8Array }[];
}

const REPO = new URL('../', import.meta.url);

async function loadSeeds(corpusForms: number): Promise<Seeds> {
  const files: Seeds['files'] = [];
  const fixtures = new URL('packages/formats/fixtures/', REPO);
  for (const dir of ['', 'pdf/', 'docx-lo/']) {
    let names: string[] = [];
    try {
      names = readdirSync(new URL(dir, fixtures));
    } catch {
      continue;
    }
    for (const name of names) {
      if (!/\.(xlsx|docx|html|xls|csv|pdf|txt|md)$/.test(name)) continue;
      files.push({ name, bytes: new Uint8Array(readFileSync(new URL(dir + name, fixtures))) });
    }
  }
  const samples = samplesDir();
  const documents: unknown[] = [];
  const strings = new Set<string>([
    '≥95%',
    '100万元',
    '2023年12月31日前',
    '≤3天',
    '1,234.56',
    '较上年提高10个百分点',
    '',
  ]);
  for (const name of readdirSync(samples)) {
    const path = join(samples, name);
    if (name.endsWith('.expected.json')) {
      const doc = JSON.parse(readFileSync(path, 'utf8'));
      documents.push(doc);
      collectStrings(doc, strings);
    } else if (/\.(txt|md)$/.test(name)) {
      const bytes = new Uint8Array(readFileSync(path));
      files.push({ name, bytes });
      for (const cell of dec.decode(bytes).split(/[\n|\t]/))
        if (cell.trim().length < 40) strings.add(cell.trim());
    }
  }
  const demo = new URL('packages/server/src/demo/data/', REPO);
  for (const name of readdirSync(demo)) {
    if (name.endsWith('.json')) documents.push(JSON.parse(readFileSync(new URL(name, demo), 'utf8')));
  }
  for (let i = 0; i < corpusForms; i++) {
    const form = generateForm(9, i);
    for (const format of CORPUS_FORMATS) {
      if (i > 0 && format.startsWith('pdf')) continue; // PDFs are slow to read; two are enough
      const r = await renderForm(form, format);
      files.push({ name: r.file, bytes: r.bytes });
    }
  }
  return { strings: [...strings], documents, files };
}

function collectStrings(v: unknown, out: Set<string>): void {
  if (typeof v === 'string') {
    if (v.length < 60) out.add(v);
  } else if (Array.isArray(v)) for (const x of v) collectStrings(x, out);
  else if (v !== null && typeof v === 'object') for (const x of Object.values(v)) collectStrings(x, out);
}

// ---------------------------------------------------------------- inputs

function stringInput(rng: Rng, seeds: Seeds): { origin: string; text: string } {
  if (rng.chance(0.15)) return { origin: 'random', text: randomString(rng, 40) };
  if (rng.chance(0.003)) return { origin: 'giant', text: giant(rng) };
  const base = rng.pick(seeds.strings);
  return { origin: `mutated "${base.slice(0, 30)}"`, text: mutateString(rng, base) };
}

function documentInput(rng: Rng, seeds: Seeds): { origin: string; value: unknown } {
  if (rng.chance(0.05)) return { origin: 'random', value: randomJson(rng) };
  const i = rng.int(0, seeds.documents.length - 1);
  return { origin: `mutated document #${i}`, value: mutateJson(rng, seeds.documents[i]) };
}

function fileInput(rng: Rng, seeds: Seeds): Input & { name: string } {
  const src = rng.pick(seeds.files);
  const ext = extname(src.name).slice(1).toLowerCase();
  let bytes: Uint8Array;
  let how: string;
  const choice = rng.int(0, 9);
  if ((ext === 'xlsx' || ext === 'docx') && choice < 5) {
    how = 'inner xml';
    bytes = mutateOoxml(rng, src.bytes, src.name);
  } else if (TEXT_EXT.has(ext) && choice < 6) {
    how = 'text';
    bytes = enc.encode(mutateText(rng, dec.decode(src.bytes), ext));
  } else if (choice === 9) {
    how = 'spliced';
    const other = rng.pick(seeds.files).bytes;
    bytes = concat([src.bytes.slice(0, rng.int(0, src.bytes.length)), other.slice(rng.int(0, other.length))]);
  } else {
    how = 'bytes';
    bytes = mutateBytes(rng, src.bytes);
  }
  const outExt = rng.chance(0.1)
    ? rng.pick(['xlsx', 'docx', 'pdf', 'html', 'csv', 'txt', 'md', 'xls', ''])
    : ext;
  return { origin: `${how} of ${src.name}`, bytes, ext: outExt || 'bin', name: `fuzz.${outExt}` };
}

// ---------------------------------------------------------------- targets

type Outcome = string;

class FuzzFailure extends Error {
  constructor(
    readonly kind: Failure['kind'],
    message: string,
  ) {
    super(message);
  }
}

function runParseValue(text: string): Outcome {
  const v = parseValue(text);
  if (v === null || typeof v !== 'object' || typeof v.kind !== 'string' || v.raw !== text) {
    throw new FuzzFailure('bad-result', `parseValue returned ${JSON.stringify(v)?.slice(0, 200)}`);
  }
  for (const n of [v.value, v.upper]) {
    if (n !== null && n !== undefined && (typeof n !== 'number' || !Number.isFinite(n))) {
      throw new FuzzFailure('bad-result', `parseValue gave the number ${String(n)}`);
    }
  }
  return v.kind;
}

function runValidate(value: unknown): Outcome {
  const r = validate(value);
  if (r.ok) {
    const again = validate(JSON.parse(JSON.stringify(r.evaluation)));
    if (!again.ok) {
      throw new FuzzFailure(
        'bad-result',
        `validate accepted a document whose own output it refuses: ${again.errors[0]?.path} ${again.errors[0]?.message}`,
      );
    }
    return 'ok';
  }
  if (!Array.isArray(r.errors) || r.errors.length === 0)
    throw new FuzzFailure('bad-result', 'invalid without errors');
  for (const e of r.errors) {
    if (typeof e.message !== 'string' || e.message === '' || typeof e.path !== 'string') {
      throw new FuzzFailure('bad-result', `unstructured validation error ${JSON.stringify(e)}`);
    }
  }
  return 'invalid';
}

async function runReader(input: { bytes: Uint8Array; name: string }): Promise<Outcome> {
  try {
    const results = await importBytes(input.bytes, input.name, { limits: READ_LIMITS });
    if (!Array.isArray(results)) throw new FuzzFailure('bad-result', 'importBytes returned no list');
    for (const r of results) {
      if ('error' in r) {
        if (r.error.code === 'invalid-extraction') throw new FuzzFailure('bad-result', r.error.message);
        if (typeof r.error.message !== 'string') throw new FuzzFailure('bad-result', 'error without message');
      }
    }
    return results.some((r) => !('error' in r)) ? 'extracted' : 'no-form';
  } catch (e) {
    if (e instanceof ReadError) {
      if (!/^文件“/.test(e.message)) throw new FuzzFailure('unstructured', `ReadError message: ${e.message}`);
      return `refused:${e.code}`;
    }
    throw e;
  }
}

// ---------------------------------------------------------------- the API

interface ApiHarness {
  inject(rng: Rng, seeds: Seeds): Promise<{ origin: string; body: string; outcome: Outcome }>;
  close(): Promise<void>;
}

async function apiHarness(): Promise<ApiHarness> {
  const { buildServer, ROUTES } = await import('../packages/server/src/http/server.ts');
  const { openDatabase } = await import('../packages/server/src/store/database.ts');
  const { seedPeople, projectDocument, TEST_PASSWORD } = await import(
    '../packages/server/src/testing/fixtures.ts'
  );
  const dir = mkdtempSync(join(tmpdir(), 'jixiao-fuzz-'));
  const store = await openDatabase({ dialect: 'sqlite', path: join(dir, 'fuzz.db') });
  const people = await seedPeople(store.db, 'fuzz');
  const app = await buildServer({ db: store.db, dialect: 'sqlite' });
  const sessions: { cookie: string; csrf: string; who: string }[] = [];
  for (const who of ['fillerA', 'approverA', 'reviewer', 'admin'] as const) {
    const r = await app.inject({
      method: 'POST',
      url: '/api/auth/login',
      payload: { username: people[who].username, password: TEST_PASSWORD },
    });
    const cookie = r.cookies.find((c) => c.name === 'jixiao_session');
    if (r.statusCode !== 200 || !cookie) throw new Error(`fuzz: cannot sign in as ${who}: ${r.body}`);
    sessions.push({ cookie: `jixiao_session=${cookie.value}`, csrf: r.json().csrfToken, who });
  }
  const created = await app.inject({
    method: 'POST',
    url: '/api/evaluations',
    payload: projectDocument(),
    headers: { cookie: sessions[0]!.cookie, 'x-csrf-token': sessions[0]!.csrf },
  });
  const evaluationId = created.json().id as string;
  const writable = ROUTES.filter(
    (r) =>
      (r.method === 'POST' || r.method === 'PUT') &&
      (r.bodyKind === 'json' || r.bodyKind === 'document') &&
      r.url !== '/api/auth/logout',
  );
  return {
    async inject(rng, seeds) {
      const route = rng.pick(writable);
      const session = rng.pick(sessions);
      const url = route.url.replace(/:(\w+)/g, (_, name: string) =>
        name === 'version'
          ? String(rng.int(0, 3))
          : rng.chance(0.8)
            ? evaluationId
            : urlSafe(randomString(rng, 12)) || 'x',
      );
      let body: string;
      let origin: string;
      const pick = rng.int(0, 9);
      if (pick === 0 && rng.chance(0.3)) {
        origin = 'deep nesting';
        body = deepText(rng, rng.int(1000, 200_000));
      } else if (pick < 6) {
        const d = documentInput(rng, seeds);
        origin = d.origin;
        body = jsonText(
          route.bodyKind === 'document' || rng.chance(0.5)
            ? d.value
            : { document: d.value, body: d.value, reason: d.value },
        );
      } else if (pick < 8) {
        origin = 'random json';
        body = jsonText(randomJson(rng));
      } else {
        origin = 'broken json';
        const d = jsonText(documentInput(rng, seeds).value);
        body = mutateString(rng, d.slice(0, 2000));
      }
      const headers: Record<string, string> = {
        cookie: session.cookie,
        'x-csrf-token': session.csrf,
        'content-type': rng.chance(0.95)
          ? 'application/json'
          : rng.pick(['text/plain', 'application/json; charset=gbk', '']),
      };
      if (route.method === 'PUT')
        headers['if-match'] = rng.chance(0.8) ? `"v${rng.int(1, 3)}"` : randomString(rng, 5);
      const query = rng.chance(0.1) ? `?unit=${urlSafe(randomString(rng, 8))}&stage=targets` : '';
      const res = await app.inject({ method: route.method, url: url + query, payload: body, headers });
      const where = `${route.method} ${route.url} as ${session.who}`;
      if (res.statusCode >= 500) {
        throw new FuzzFailure('server-error', `${where}: ${res.statusCode} ${res.body.slice(0, 500)}`);
      }
      if (res.statusCode >= 400) {
        let parsed: { error?: { code?: unknown; message?: unknown } } | null = null;
        try {
          parsed = JSON.parse(res.body);
        } catch {}
        if (typeof parsed?.error?.code !== 'string' || typeof parsed.error.message !== 'string') {
          throw new FuzzFailure('unstructured', `${where}: ${res.statusCode} ${res.body.slice(0, 300)}`);
        }
        if (!/[\u4e00-\u9fff]/.test(parsed.error.message)) {
          throw new FuzzFailure('unstructured', `${where}: message not in Chinese: ${parsed.error.message}`);
        }
      }
      return { origin: `${where}, ${origin}`, body, outcome: `${res.statusCode}` };
    },
    async close() {
      await app.close();
      await store.close();
      rmSync(dir, { recursive: true, force: true });
    },
  };
}

// ---------------------------------------------------------------- the loop

function rngFor(seed: number, target: Target, index: number): Rng {
  return createRng(hashText(`jixiao-fuzz:${seed}:${target}:${index}`));
}

export async function runFuzz(options: FuzzOptions): Promise<FuzzStats> {
  const targets = options.only ? [options.only.target] : (options.targets ?? TARGETS);
  const mix = { ...DEFAULT_MIX, ...options.mix };
  const seeds = await loadSeeds(3);
  const api = targets.includes('api') ? await apiHarness() : null;
  const started = Date.now();
  const stats: FuzzStats = {
    seed: options.seed,
    inputs: { parseValue: 0, validate: 0, readers: 0, api: 0 },
    total: 0,
    failures: [],
    outcomes: {},
    slowest: { parseValue: 0, validate: 0, readers: 0, api: 0 },
    elapsedMs: 0,
  };
  if (options.failureDir) mkdirSync(options.failureDir, { recursive: true });
  const deadline =
    options.seconds !== undefined ? started + options.seconds * 1000 : Number.POSITIVE_INFINITY;
  const maxCount = options.count ?? (options.seconds !== undefined ? Number.POSITIVE_INFINITY : 10_000);
  let lastProgress = Date.now();

  const rerunMs = async (target: Target, index: number): Promise<number> => {
    const rng = rngFor(options.seed, target, index);
    const cpu0 = process.cpuUsage();
    try {
      if (target === 'parseValue') runParseValue(stringInput(rng, seeds).text);
      else if (target === 'validate') runValidate(documentInput(rng, seeds).value);
      else if (target === 'readers') await runReader(fileInput(rng, seeds));
      else return Number.POSITIVE_INFINITY; // the API's database has moved on: no rerun
    } catch {}
    const used = process.cpuUsage(cpu0);
    return (used.user + used.system) / 1000;
  };

  const record = (failure: Failure, input: Input) => {
    stats.failures.push(failure);
    if (options.failureDir) {
      const base = join(options.failureDir, `${failure.target}-${options.seed}-${failure.index}`);
      writeFileSync(`${base}.json`, `${JSON.stringify(failure, null, 2)}\n`);
      writeFileSync(`${base}.input.${input.ext}`, input.bytes);
    }
  };
  // A promise some library leaves rejected with nobody listening would end a server process:
  // a crash, put on the input being run when it surfaces (usually the one that caused it).
  let current: { target: Target; index: number; input: Input } | null = null;
  const onUnhandled = (reason: unknown) => {
    if (!current) return;
    if (isPdfJsStrayRejection(reason)) {
      // pdf.js's own stray prefetch, which the PDF reader drops (read/pdf-stray.ts): counted
      stats.outcomes['readers:pdfjs-stray-rejection'] =
        (stats.outcomes['readers:pdfjs-stray-rejection'] ?? 0) + 1;
      return;
    }
    record(
      {
        target: current.target,
        seed: options.seed,
        index: current.index,
        kind: 'crash',
        message:
          `unhandled rejection: ${reason instanceof Error ? `${reason.name}: ${reason.message}` : String(reason)}`.slice(
            0,
            2000,
          ),
        origin: current.input.origin,
        ms: 0,
      },
      current.input,
    );
  };
  process.on('unhandledRejection', onUnhandled);

  const one = async (target: Target, index: number): Promise<void> => {
    options.onInput?.(target, index);
    const rng = rngFor(options.seed, target, index);
    let input: Input = { origin: '', bytes: new Uint8Array(), ext: 'txt' };
    current = { target, index, input };
    const t0 = performance.now();
    const cpu0 = process.cpuUsage();
    let outcome: Outcome;
    try {
      switch (target) {
        case 'parseValue': {
          const s = stringInput(rng, seeds);
          input = { origin: s.origin, bytes: enc.encode(s.text), ext: 'txt' };
          outcome = runParseValue(s.text);
          break;
        }
        case 'validate': {
          const d = documentInput(rng, seeds);
          input = { origin: d.origin, bytes: enc.encode(jsonText(d.value)), ext: 'json' };
          outcome = runValidate(d.value);
          break;
        }
        case 'readers': {
          const f = fileInput(rng, seeds);
          input = f;
          current = { target, index, input };
          outcome = await runReader(f);
          break;
        }
        case 'api': {
          const r = await (api as ApiHarness).inject(rng, seeds);
          input = { origin: r.origin, bytes: enc.encode(r.body), ext: 'json' };
          outcome = r.outcome;
          break;
        }
      }
      // CPU time, not wall time: on a machine shared with other work a process can wait
      // seconds for a core, which says nothing about the input.
      const used = process.cpuUsage(cpu0);
      const ms = (used.user + used.system) / 1000;
      stats.slowest[target] = Math.max(stats.slowest[target], ms);
      const limit = timeLimit(target, input.bytes.length);
      // On a loaded machine a pause (another process, a collection) can make any input slow
      // once: a slow input counts only if it is slow again when run a second time.
      if (ms > limit && (await rerunMs(target, index)) > limit) {
        throw new FuzzFailure('slow', `took ${Math.round(ms)} ms, over the ${limit} ms limit`);
      }
      stats.outcomes[`${target}:${outcome}`] = (stats.outcomes[`${target}:${outcome}`] ?? 0) + 1;
    } catch (e) {
      const failure: Failure = {
        target,
        seed: options.seed,
        index,
        kind: e instanceof FuzzFailure ? e.kind : 'crash',
        message: e instanceof Error ? `${e.name}: ${e.message}`.slice(0, 2000) : String(e),
        ...(e instanceof Error && e.stack ? { stack: e.stack.split('\n').slice(0, 12).join('\n') } : {}),
        origin: input.origin,
        ms: Math.round(performance.now() - t0),
      };
      if (
        e instanceof FuzzFailure &&
        e.message.startsWith('ReadError') === false &&
        e.kind === 'server-error'
      ) {
        // keep the server's answer, which is in the message
      }
      record(failure, input);
    }
    stats.inputs[target]++;
    stats.total++;
  };

  try {
    if (options.only) {
      await one(options.only.target, options.only.index);
    } else {
      const counters: Record<Target, number> = { parseValue: 0, validate: 0, readers: 0, api: 0 };
      outer: while (true) {
        for (const target of targets) {
          for (let k = 0; k < mix[target]; k++) {
            if (stats.total >= maxCount || Date.now() >= deadline) break outer;
            await one(target, counters[target]++);
          }
        }
        if (options.progress && Date.now() - lastProgress > 10_000) {
          lastProgress = Date.now();
          stats.elapsedMs = Date.now() - started;
          options.progress(stats);
        }
      }
    }
  } finally {
    // rejections still on their way belong to the last inputs
    await new Promise((r) => setTimeout(r, 100));
    process.off('unhandledRejection', onUnhandled);
    await api?.close();
  }
  stats.elapsedMs = Date.now() - started;
  return stats;
}

export function summary(stats: FuzzStats): string {
  const per = TARGETS.map((t) => `${t} ${stats.inputs[t]}`).join(', ');
  const kinds = stats.failures.reduce<Record<string, number>>((m, f) => {
    m[`${f.target}/${f.kind}`] = (m[`${f.target}/${f.kind}`] ?? 0) + 1;
    return m;
  }, {});
  return (
    `种子 ${stats.seed}：共 ${stats.total} 个输入（${per}），用时 ${(stats.elapsedMs / 1000).toFixed(1)} 秒；` +
    `失败 ${stats.failures.length} 个${stats.failures.length ? `（${JSON.stringify(kinds)}）` : ''}。` +
    `最慢（毫秒）：${TARGETS.map((t) => `${t} ${Math.round(stats.slowest[t])}`).join(', ')}。`
  );
}
