/**
 * Scale: many evaluations loaded into SQLite and PostgreSQL through the server's store, then a
 * real server process under 50 concurrent connections (wrk, or autocannon where wrk is missing; on
 * loopback, bounded in time): get one evaluation, a filtered list, the year's dashboard and a save.
 * `npx tsx bench/scale.ts` (BENCH_QUICK=1 for tiny sizes; BENCH_SCALE_N, BENCH_SCALE_N_POSTGRES,
 * BENCH_SCALE_SECONDS, BENCH_SCALE_BACKENDS=sqlite,postgres, BENCH_SCALE_CLIENT=wrk|autocannon).
 *
 * The documents are generated Hubei department forms (about 20 indicators each), imported from
 * their text rendering, scored and checked by the server's own assess() once per template; the
 * evaluations repeat the templates under different units and years, so the rows, the JSON and
 * the findings have the sizes real ones have. They go in with the store's bulk repository
 * (store/repos/bulk.ts), one transaction per batch.
 *
 * Baseline: the same server process answering a constant JSON body of the same size as each
 * endpoint's answer (route enabled by JIXIAO_BENCH_BASELINE=1), run alternately with the
 * endpoint so load from other work falls on both alike.
 */
import { fileURLToPath } from 'node:url';
import type { Evaluation } from '@jixiao/core';
import { importBytes } from '@jixiao/formats';
import autocannon, { type Result } from 'autocannon';
import { sql } from 'kysely';
import { generateForm, renderForm } from '../packages/formats/src/corpus/index.ts';
import { createUserUnchecked } from '../packages/server/src/commands/createUser.ts';
import type { Status } from '../packages/server/src/domain.ts';
import { assess } from '../packages/server/src/evaluations/assess.ts';
import { newId } from '../packages/server/src/ids.ts';
import type { DialectName } from '../packages/server/src/store/dialect.ts';
import {
  type BulkEvaluation,
  insertEvaluationsBulk,
  insertUnitsBulk,
} from '../packages/server/src/store/repos/bulk.ts';
import type { Db } from '../packages/server/src/store/schema.ts';
import { apiClient } from '../packages/server/src/testing/client.ts';
import { createTestDatabase } from '../packages/server/src/testing/databases.ts';
import { startServerProcess } from '../packages/server/src/testing/server-process.ts';
import { emit, type Figure, figure, log, QUICK, RUNS, type Section, sizeFrom } from './stats.ts';
import { WARM_MS, type WrkRequest, type WrkResult, wrk, wrkAvailable } from './wrk.ts';

const TEMPLATES = QUICK ? 4 : 60;
const YEARS = [2019, 2020, 2021, 2022, 2023];
const STATUS_CYCLE: Status[] = ['accepted', 'published', 'approved', 'submitted', 'draft'];
const BATCH = 2000;
const CONNECTIONS = 50;
const PASSWORD = 'bench-password-1';

export interface Template {
  doc: Evaluation;
  scoreJson: string | null;
  findings: BulkEvaluation['findings'];
  summary: ReturnType<typeof assess>['summary'];
}

export async function templates(n: number): Promise<Template[]> {
  const out: Template[] = [];
  for (let i = 0; out.length < n; i++) {
    const r = await renderForm(generateForm(11, i, 'hubei-department'), 'tab-separated');
    const [first] = await importBytes(r.bytes, r.file);
    if (!first || !('evaluation' in first)) continue;
    const doc = first.evaluation;
    // "about 20 indicators": the department layout averages 20, keep the middle of its range
    if (!QUICK && (doc.indicators.length < 14 || doc.indicators.length > 28)) continue;
    const { getProfile } = await import('@jixiao/core');
    const profile = getProfile(doc.profile ?? 'hubei-2020');
    if (!profile) throw new Error(`no profile ${doc.profile}`);
    const a = assess(doc, profile, { stage: 'self-evaluation', history: [], targets: null });
    out.push({
      doc,
      scoreJson: a.score && JSON.stringify(a.score),
      findings: a.findings,
      summary: a.summary,
    });
  }
  return out;
}

export interface Loaded {
  seconds: number;
  indicators: number;
  documentBytes: number;
  findings: number;
  ids: string[];
  saveTargets: { id: string; body: string }[];
  reviewer: string;
  filler: string;
}

export async function load(db: Db, n: number, tpls: readonly Template[]): Promise<Loaded> {
  const at = new Date().toISOString();
  const reviewer = await createUserUnchecked(db, null, {
    username: 'bench-reviewer',
    password: PASSWORD,
    displayName: '基准复核人',
    role: 'reviewer',
    unitId: null,
  });
  const saveCount = Math.min(QUICK ? 20 : 3000, Math.max(1, Math.floor(n / 10)));
  const mainCount = n - saveCount;
  const unitCount = Math.max(1, Math.ceil(mainCount / YEARS.length));
  const units = Array.from({ length: unitCount + 1 }, (_, i) => ({
    id: newId(),
    name: i === unitCount ? '基准填报单位' : `基准单位${String(i).padStart(6, '0')}`,
    kind: 'unit' as const,
    parentId: null,
    regionId: null,
    createdAt: at,
  }));
  const saveUnit = units[unitCount] as (typeof units)[number];
  const t0 = performance.now();
  await insertUnitsBulk(db, units);
  // the one who saves: a filler of the unit that holds the drafts
  const fillerUser = await createUserUnchecked(db, null, {
    username: 'bench-filler',
    password: PASSWORD,
    displayName: '基准填报人',
    role: 'filler',
    unitId: saveUnit.id,
  });
  const loaded: Loaded = {
    seconds: 0,
    indicators: 0,
    documentBytes: 0,
    findings: 0,
    ids: [],
    saveTargets: [],
    reviewer: reviewer.username,
    filler: fillerUser.username,
  };
  let batch: BulkEvaluation[] = [];
  const flush = async () => {
    if (batch.length === 0) return;
    await insertEvaluationsBulk(db, batch);
    batch = [];
  };
  for (let i = 0; i < n; i++) {
    const tpl = tpls[i % tpls.length] as Template;
    const forSave = i >= mainCount;
    const unit = forSave ? saveUnit : (units[i % unitCount] as (typeof units)[number]);
    const year = forSave ? 2023 : (YEARS[Math.floor(i / unitCount) % YEARS.length] as number);
    const project = forSave ? `基准保存项目${i - mainCount}` : tpl.doc.project;
    const doc: Evaluation = { ...tpl.doc, unit: unit.name, year, project };
    const documentJson = JSON.stringify(doc);
    const id = newId();
    batch.push({
      evaluation: {
        id,
        stage: 'self-evaluation',
        kind: doc.kind,
        status: forSave ? 'draft' : (STATUS_CYCLE[i % STATUS_CYCLE.length] as Status),
        unitId: unit.id,
        year,
        project,
        profile: doc.profile ?? 'hubei-2020',
        version: 1,
        targetsId: null,
        targetsVersion: null,
        approvedVersion: null,
        ...tpl.summary,
        createdBy: reviewer.id,
        createdAt: at,
        updatedAt: at,
      },
      documentJson,
      scoreJson: tpl.scoreJson,
      findings: tpl.findings,
    });
    loaded.indicators += doc.indicators.length;
    loaded.documentBytes += documentJson.length;
    loaded.findings += tpl.findings.length;
    if (forSave) loaded.saveTargets.push({ id, body: documentJson });
    else if (loaded.ids.length < 2000 && i % 37 === 0) loaded.ids.push(id);
    if (batch.length >= BATCH) {
      await flush();
      if ((i + 1) % 20_000 === 0)
        log(`    ${i + 1} loaded, ${((performance.now() - t0) / 1000).toFixed(1)} s`);
    }
  }
  await flush();
  loaded.seconds = (performance.now() - t0) / 1000;
  return loaded;
}

interface Call {
  method: string;
  path: string;
  body?: string;
  headers?: Record<string, string>;
  /** told of an answer other than 200, with its text (a refused save says the draft's version) */
  refused?: (status: number, text: string) => void;
}

interface Endpoint {
  id: string;
  label: string;
  /** a sample request, to learn the size of the answer */
  sample: Call;
  requests: NonNullable<Parameters<typeof autocannon>[0]['requests']>;
  /** the next request, for timing requests one at a time */
  next: () => Call;
  /**
   * The same requests for wrk: `list()` the requests from where the endpoint's turn now is, in
   * order; `sent(n)` moves the turn on past the n that a run sent (wrk counts up each If-Match itself).
   */
  wrk: { headers: Record<string, string>; list: () => WrkRequest[]; sent: (n: number) => void };
  /** warm up by sending every request of the cycle once before timing (GET's forms) */
  warmWholeCycle?: boolean;
  goal?: { text: string; p99: number };
  /**
   * Also measured at this many requests a second, evenly spaced (open loop), besides as fast as
   * 50 connections go: what the latency is under a steady load the server keeps up with.
   */
  steadyRate?: number;
}

async function cannon(url: string, requests: Endpoint['requests'], seconds: number): Promise<Result> {
  return autocannon({ url, connections: CONNECTIONS, duration: seconds, requests, timeout: 30 });
}

function codes(r: Result): { ok: number; other: number } {
  return { ok: r['2xx'], other: r.non2xx + r.errors + r.timeouts };
}

/** Waits until the server answers /api/health quickly twice in a row: requests a run left in flight are done. */
async function waitIdle(url: string, limitMs = 180_000): Promise<number> {
  const t0 = performance.now();
  let quick = 0;
  while (quick < 2 && performance.now() - t0 < limitMs) {
    const t = performance.now();
    // a connection the server closed as we reused it is no answer either way: ask again
    const answered = await fetch(new URL('/api/health', url))
      .then((r) => r.arrayBuffer())
      .then(
        () => true,
        () => false,
      );
    quick = answered && performance.now() - t < 100 ? quick + 1 : 0;
    if (quick < 2) await new Promise((r) => setTimeout(r, 200));
  }
  return (performance.now() - t0) / 1000;
}

/** Milliseconds of `count` requests one after another, each alone on the server. */
/** Sends one call with fetch; tells the call of a refusal. */
async function send(url: string, r: Call): Promise<Response> {
  const res = await fetch(new URL(r.path, url), {
    method: r.method,
    ...(r.headers ? { headers: r.headers } : {}),
    ...(r.body !== undefined ? { body: r.body } : {}),
  });
  if (res.status !== 200 && r.refused) r.refused(res.status, await res.clone().text());
  return res;
}

async function alone(url: string, count: number, next: () => Call): Promise<number[]> {
  const out: number[] = [];
  for (let i = 0; i < count; i++) {
    const r = next();
    const t0 = performance.now();
    const res = await send(url, r);
    await res.arrayBuffer();
    if (res.status >= 300) throw new Error(`${r.method} ${r.path}: ${res.status}`);
    out.push(performance.now() - t0);
  }
  return out;
}

// Past this, 50 connections queue for seconds: one long run instead of five short ones.
const SLOW_QUEUE_MS = 1500;

async function measure(
  url: string,
  e: Endpoint,
  seconds: number,
  dialect: string,
): Promise<{ figures: Figure[]; notes: string[]; raw: unknown }> {
  const res = await send(url, e.sample);
  const size = (await res.arrayBuffer()).byteLength;
  if (res.status >= 300) throw new Error(`${e.id}: sample request answered ${res.status}`);
  const basePath = `/api/bench/constant?bytes=${size}`;
  const baseLabel = `constant JSON body of ${size.toLocaleString('en')} bytes, same server`;
  const notes: string[] = [];

  const single = await alone(url, RUNS + 1, e.next);
  const singleBase = await alone(url, RUNS + 1, () => ({ method: 'GET', path: basePath }));
  const aloneFigure = figure({
    id: `${dialect}-${e.id}-alone`,
    label: `${e.label}: one request at a time`,
    unit: 'ms',
    higherIsBetter: false,
    values: single.slice(1),
    baseline: { label: baseLabel, values: singleBase.slice(1) },
  });

  const slow = !QUICK && aloneFigure.median * CONNECTIONS > SLOW_QUEUE_MS;
  const runSeconds = slow
    ? Math.min(20, Math.max(5, (3 * CONNECTIONS * aloneFigure.median) / 1000))
    : seconds;
  if (slow) {
    notes.push(
      `${dialect} ${e.label}: one request alone takes ${Math.round(aloneFigure.median)} ms, so 50 connections queue for seconds; measured in one run of ${runSeconds.toFixed(0)} s at 50 connections instead of five short ones (the latency counts only requests answered within the run).`,
    );
  }
  const runs = slow || QUICK ? 1 : RUNS;
  const baseSeconds = slow ? seconds : runSeconds;
  // one client: wrk where it is installed, else autocannon (see the method)
  const plan: LoopPlan = { url, e, runs, runSeconds, baseSeconds, basePath, baseLabel, dialect };
  const clientRuns = useWrk() ? await wrkRuns(plan) : await autocannonRuns(plan);
  const loaded = loopFigures(plan, clientRuns);
  notes.push(...clientRuns.notes);
  if (e.goal) loaded.p99.goal = { text: e.goal.text, met: loaded.p99.median < e.goal.p99 };
  const steady = e.steadyRate
    ? await measureSteady(url, e, e.steadyRate, seconds, basePath, baseLabel, dialect)
    : [];
  const drained = await waitIdle(url);
  return {
    figures: [aloneFigure, ...loaded.figures, ...steady],
    notes,
    raw: { size, runSeconds, drainedSeconds: drained, ...clientRuns.raw },
  };
}

/** What a closed loop at 50 connections is measured with, and against what baseline. */
interface LoopPlan {
  url: string;
  e: Endpoint;
  runs: number;
  runSeconds: number;
  baseSeconds: number;
  basePath: string;
  baseLabel: string;
  dialect: string;
}

/** One closed-loop run's figures, whichever client ran it. */
interface LoopRun {
  p50: number;
  p99: number;
  perSecond: number;
}

/** The runs of one client, the endpoint's alternated with the baseline's. */
interface ClientRuns {
  /** in the figures' ids: '' for autocannon (as before wrk), '-wrk' */
  idPart: string;
  client: string;
  own: LoopRun[];
  base: LoopRun[];
  /** what the answers were, for the throughput figure */
  answers: string;
  notes: string[];
  raw: Record<string, unknown>;
}

/** p50, p99 and throughput at 50 connections from one client's runs; `p99` carries any goal. */
function loopFigures(plan: LoopPlan, r: ClientRuns): { figures: Figure[]; p99: Figure } {
  const label = `${plan.e.label}, 50 connections (${r.client})`;
  const latency = (k: 'p50' | 'p99') =>
    figure({
      id: `${plan.dialect}-${plan.e.id}${r.idPart}-${k}`,
      label: `${label}: ${k} latency`,
      unit: 'ms',
      higherIsBetter: false,
      values: r.own.map((x) => x[k]),
      baseline: { label: plan.baseLabel, values: r.base.map((x) => x[k]) },
    });
  const p99 = latency('p99');
  const rps = figure({
    id: `${plan.dialect}-${plan.e.id}${r.idPart}-rps`,
    label: `${label}: throughput`,
    unit: 'req/s',
    higherIsBetter: true,
    values: r.own.map((x) => x.perSecond),
    baseline: { label: plan.baseLabel, values: r.base.map((x) => x.perSecond) },
    note: r.answers,
  });
  return { figures: [latency('p50'), p99, rps], p99 };
}

/** The closed loop at 50 connections with autocannon (where wrk is not installed). */
async function autocannonRuns(plan: LoopPlan): Promise<ClientRuns> {
  const { url, e, runs, runSeconds, baseSeconds, dialect } = plan;
  const baseline: Endpoint['requests'] = [{ method: 'GET', path: plan.basePath }];
  const own: Result[] = [];
  const base: Result[] = [];
  if (runs > 1) {
    await cannon(url, e.requests, Math.min(1, runSeconds));
    await cannon(url, baseline, Math.min(1, runSeconds));
    await waitIdle(url);
  }
  for (let run = 0; run < runs; run++) {
    own.push(await cannon(url, e.requests, runSeconds));
    // requests still in flight when a run stops are still being served: let them finish, or
    // the next run (the baseline's) measures their queue
    await waitIdle(url);
    base.push(await cannon(url, baseline, baseSeconds));
    await waitIdle(url);
    const last = own.at(-1) as Result;
    log(
      `    ${e.id} run ${run + 1} (${runSeconds.toFixed(1)} s): p50 ${last.latency.p50} ms, p99 ${last.latency.p99} ms, ${last.requests.average} req/s, 2xx ${last['2xx']}, other ${codes(last).other}`,
    );
  }
  const ok = own.reduce((sum, r) => sum + codes(r).ok, 0);
  const other = own.reduce((sum, r) => sum + codes(r).other, 0);
  const loopRun = (r: Result): LoopRun => ({
    p50: r.latency.p50,
    p99: r.latency.p99,
    perSecond: r.requests.average,
  });
  return {
    idPart: '',
    client: 'autocannon',
    own: own.map(loopRun),
    base: base.map(loopRun),
    answers: `2xx ${ok.toLocaleString('en')}, other ${other.toLocaleString('en')}`,
    notes: [
      `${dialect} ${e.label}: wrk is not installed (apt-get install wrk), so autocannon measured it, with fresh connections each run (see the method).`,
      ...(other > 0
        ? [
            `${dialect} ${e.label}: ${ok.toLocaleString('en')} answers 2xx, ${other.toLocaleString('en')} not (status codes: ${JSON.stringify(mergeStatus(own))}; errors and timeouts counted as not 2xx).`,
          ]
        : []),
    ],
    raw: { ok, other, status: mergeStatus(own) },
  };
}

/** wrk where it is installed, unless BENCH_SCALE_CLIENT=autocannon asks for autocannon. */
function useWrk(): boolean {
  const asked = process.env.BENCH_SCALE_CLIENT;
  if (asked !== undefined && asked !== 'wrk' && asked !== 'autocannon')
    throw new Error(`BENCH_SCALE_CLIENT=${asked}: say wrk or autocannon`);
  if (asked === 'wrk' && !wrkAvailable())
    throw new Error('BENCH_SCALE_CLIENT=wrk, but wrk is not installed (apt-get install wrk)');
  return asked !== 'autocannon' && wrkAvailable();
}

/** One wrk run of the endpoint's requests, moving its turn on past what the run sent. */
async function runWrk(url: string, spec: Endpoint['wrk'], seconds: number): Promise<WrkResult> {
  const r = await wrk(url, spec.headers, spec.list(), seconds, CONNECTIONS);
  spec.sent(r.sent);
  return r;
}

/** The closed loop at 50 connections with wrk, each run alternated with the baseline's. */
async function wrkRuns(plan: LoopPlan): Promise<ClientRuns> {
  const { url, e, runs, runSeconds, baseSeconds, dialect } = plan;
  const baseSpec: Endpoint['wrk'] = {
    headers: {},
    list: () => [{ method: 'GET', path: plan.basePath }],
    sent: () => {},
  };
  const own: WrkResult[] = [];
  const base: WrkResult[] = [];
  if (runs > 1) {
    // Warm-up runs, not counted: GET goes once round its cycle of forms, so that the timed runs
    // read forms the server keeps, as the method says (the first readings are timed one at a time).
    const cycle = e.warmWholeCycle ? e.wrk.list().length : 1;
    for (let sent = 0; sent < cycle; ) {
      sent += (await runWrk(url, e.wrk, 1)).sent;
      await waitIdle(url);
    }
    await runWrk(url, baseSpec, 1);
    await waitIdle(url);
  }
  for (let run = 0; run < runs; run++) {
    own.push(await runWrk(url, e.wrk, runSeconds));
    await waitIdle(url);
    base.push(await runWrk(url, baseSpec, baseSeconds));
    await waitIdle(url);
    const last = own.at(-1) as WrkResult;
    log(
      `    ${e.id} wrk run ${run + 1}: p50 ${last.p50} ms, p99 ${last.p99} ms, ${last.perSecond.toFixed(0)} req/s, answered ${last.answered}, not 2xx ${last.non2xx}, errors ${last.errors}`,
    );
  }
  const answered = own.reduce((sum, r) => sum + r.answered, 0);
  const refused = own.reduce((sum, r) => sum + r.non2xx + r.errors, 0);
  return {
    idPart: '-wrk',
    client: 'wrk',
    own,
    base,
    answers: `${answered.toLocaleString('en')} answered, ${refused.toLocaleString('en')} not 2xx or failed`,
    notes:
      refused > 0
        ? [
            `${dialect} ${e.label} (wrk): ${answered.toLocaleString('en')} answered, ${refused.toLocaleString('en')} of them not 2xx or failed.`,
          ]
        : [],
    raw: { answered, refused },
  };
}

/** Latencies (ms) and status counts of one paced run. */
interface Paced {
  latencies: number[];
  ok: number;
  other: number;
}

/**
 * Sends `rate` requests a second, evenly spaced, for `seconds`, each on its own without waiting
 * for earlier answers (open loop), and times each from when it was due to be sent, so a client
 * that falls behind does not hide the wait. (autocannon's overallRate sends each second's
 * requests in a burst at its start and, at two requests a second per connection, corrects its
 * histogram as if one request per millisecond were due: neither is a steady load.)
 */
async function paced(url: string, next: Endpoint['next'], rate: number, seconds: number): Promise<Paced> {
  const count = Math.round(rate * seconds);
  const gap = 1000 / rate;
  const out: Paced = { latencies: [], ok: 0, other: 0 };
  const t0 = performance.now();
  const sent: Promise<void>[] = [];
  for (let i = 0; i < count; i++) {
    const due = t0 + i * gap;
    const wait = due - performance.now();
    if (wait > 1) await new Promise((r) => setTimeout(r, wait));
    const r = next();
    sent.push(
      send(url, r)
        .then(async (res) => {
          await res.arrayBuffer();
          out.latencies.push(performance.now() - due);
          if (res.status < 300) out.ok++;
          else out.other++;
        })
        .catch(() => {
          out.other++;
        }),
    );
  }
  await Promise.all(sent);
  return out;
}

function percentile(sorted: readonly number[], p: number): number {
  return sorted[Math.min(sorted.length - 1, Math.floor((p / 100) * sorted.length))] ?? Number.NaN;
}

/**
 * p50 and p99 at a steady offered rate: with 50 connections sending as fast as answers come,
 * every request waits behind the other 49, so the p99 there is about 50 times the time of one
 * request whatever the server does; at a rate the server keeps up with, it is the time a user
 * waits.
 */
async function measureSteady(
  url: string,
  e: Endpoint,
  rate: number,
  seconds: number,
  basePath: string,
  baseLabel: string,
  dialect: string,
): Promise<Figure[]> {
  const runSeconds = Math.max(2, seconds * 2);
  const own: Paced[] = [];
  const base: Paced[] = [];
  for (let run = 0; run < RUNS; run++) {
    own.push(await paced(url, e.next, rate, runSeconds));
    await waitIdle(url);
    base.push(await paced(url, () => ({ method: 'GET', path: basePath }), rate, runSeconds));
    await waitIdle(url);
    const last = own.at(-1) as Paced;
    const sorted = [...last.latencies].sort((x, y) => x - y);
    log(
      `    ${e.id} at ${rate}/s run ${run + 1}: p50 ${percentile(sorted, 50).toFixed(1)} ms, p99 ${percentile(sorted, 99).toFixed(1)} ms, 2xx ${last.ok}, other ${last.other}`,
    );
  }
  const at = (runs: Paced[], p: number) =>
    runs.map((r) =>
      percentile(
        [...r.latencies].sort((x, y) => x - y),
        p,
      ),
    );
  const label = `${e.label}: at a steady ${rate} requests/s, evenly spaced`;
  const ok = own.reduce((sum, r) => sum + r.ok, 0);
  const other = own.reduce((sum, r) => sum + r.other, 0);
  return [
    figure({
      id: `${dialect}-${e.id}-steady-p50`,
      label: `${label}: p50 latency`,
      unit: 'ms',
      higherIsBetter: false,
      values: at(own, 50),
      baseline: { label: `${baseLabel}, same rate`, values: at(base, 50) },
    }),
    figure({
      id: `${dialect}-${e.id}-steady-p99`,
      label: `${label}: p99 latency`,
      unit: 'ms',
      higherIsBetter: false,
      values: at(own, 99),
      baseline: { label: `${baseLabel}, same rate`, values: at(base, 99) },
      note: `${runSeconds} s per run, ${Math.round(rate * runSeconds)} requests; 2xx ${ok.toLocaleString('en')}, other ${other.toLocaleString('en')}`,
    }),
  ];
}

function mergeStatus(results: readonly Result[]): Record<string, number> {
  const out: Record<string, number> = {};
  for (const r of results) {
    for (const [code, v] of Object.entries(r.statusCodeStats ?? {})) out[code] = (out[code] ?? 0) + v.count;
  }
  return out;
}

/** Databases to drop if the run is interrupted (npm run bench stopped, a timeout). */
const live = new Set<() => Promise<void>>();
for (const signal of ['SIGINT', 'SIGTERM'] as const) {
  process.once(signal, () => {
    Promise.allSettled([...live].map((drop) => drop())).finally(() => process.exit(130));
  });
}

async function backend(dialect: DialectName, n: number, tpls: readonly Template[], seconds: number) {
  log(`scale: ${dialect}, loading ${n.toLocaleString('en')} evaluations`);
  const database = await createTestDatabase(dialect);
  const drop = () => database.drop();
  live.add(drop);
  const figures: Figure[] = [];
  const notes: string[] = [];
  const raw: Record<string, unknown> = {};
  try {
    const store = await database.open();
    let loaded: Loaded;
    let vacuumSeconds: number | null = null;
    let autovacuum = '';
    try {
      loaded = await load(store.db, n, tpls);
      if (dialect === 'postgres') {
        // Left to itself, autovacuum would get to the new tables at some point of the timed runs
        // (or never: this machine's PostgreSQL was seen with it off); until then the planner has
        // no statistics of them, and the first reads of each page write it again (hint bits).
        // Do once, before timing, what autovacuum does after a bulk load.
        const setting = await sql<{ autovacuum: string }>`show autovacuum`.execute(store.db);
        autovacuum = setting.rows[0]?.autovacuum ?? 'unknown';
        const t0 = performance.now();
        await sql`vacuum (analyze)`.execute(store.db);
        vacuumSeconds = (performance.now() - t0) / 1000;
      }
    } finally {
      await store.close();
    }
    log(`    loaded in ${loaded.seconds.toFixed(1)} s`);
    if (vacuumSeconds !== null) {
      log(`    vacuum (analyze) in ${vacuumSeconds.toFixed(1)} s`);
      notes.push(
        `${dialect}: after the load the suite ran VACUUM (ANALYZE) once before timing, what autovacuum does after a bulk load (autovacuum is ${autovacuum} on this server): ${vacuumSeconds.toFixed(1)} s, not counted in the load time.`,
      );
    }
    figures.push(
      figure({
        id: `${dialect}-load`,
        label: `load ${n.toLocaleString('en')} evaluations (${loaded.indicators.toLocaleString('en')} indicators, ${loaded.findings.toLocaleString('en')} findings)`,
        unit: 's',
        higherIsBetter: false,
        values: [loaded.seconds],
        note: `one run; ${Math.round(loaded.documentBytes / 1024 / 1024)} MB of document JSON; ${Math.round(n / loaded.seconds).toLocaleString('en')} evaluations/s`,
      }),
    );
    process.env.JIXIAO_BENCH_BASELINE = '1';
    const server = await startServerProcess(database, { jobs: { run: false } });
    try {
      const reviewer = apiClient(server.url);
      const filler = apiClient(server.url);
      for (const [c, name] of [
        [reviewer, loaded.reviewer],
        [filler, loaded.filler],
      ] as const) {
        const r = await c.login(name, PASSWORD);
        if (r.status !== 200) throw new Error(`login ${name}: ${r.status} ${r.text}`);
      }
      const readHeaders = { cookie: reviewer.cookie ?? '' };
      const writeHeaders = {
        cookie: filler.cookie ?? '',
        'x-csrf-token': filler.csrf ?? '',
        'content-type': 'application/json',
      };
      let g = 0;
      let s = 0;
      const ids = loaded.ids;
      const targets = loaded.saveTargets;
      const nextGet = () => `/api/evaluations/${ids[g++ % ids.length]}`;
      // Saves go to the drafts in turn, each with If-Match of its draft's version: counted on
      // when the save is sent (the server finishes saves a run stopped waiting for, see
      // waitIdle), and taken from the refusal if one is refused anyway. A draft comes round
      // again only after thousands of others, so its previous save has long been answered.
      const versions = new Map<string, number>();
      const sendVersion = (id: string) => {
        const v = versions.get(id) ?? 1;
        versions.set(id, v + 1);
        return v;
      };
      const refused = (id: string, text: string) => {
        const current = (JSON.parse(text) as { error?: { currentVersion?: number } }).error?.currentVersion;
        if (current !== undefined) versions.set(id, current);
      };
      const nextSave = () => targets[s++ % targets.length] as { id: string; body: string };
      const saveHeaders = (id: string) => ({ ...writeHeaders, 'if-match': `"v${sendVersion(id)}"` });
      const saveRequest = (): Call => {
        const t = nextSave();
        return {
          method: 'PUT',
          path: `/api/evaluations/${t.id}`,
          body: t.body,
          headers: saveHeaders(t.id),
          refused: (_status, text) => refused(t.id, text),
        };
      };
      const listPath = '/api/evaluations?year=2022&status=accepted&kind=department&page=3&pageSize=20';
      const get = (path: string) => ({ method: 'GET', path, headers: readHeaders });
      // the same requests for wrk, from where each endpoint's turn is
      const fromTurn = <T>(list: readonly T[], turn: number) =>
        list.map((_, i) => list[(turn + i) % list.length] as T);
      const fixedWrk = (path: string): Endpoint['wrk'] => ({
        headers: readHeaders,
        list: () => [{ method: 'GET', path }],
        sent: () => {},
      });
      const endpoints: Endpoint[] = [
        {
          id: 'get',
          label: 'GET one evaluation',
          sample: get(nextGet()),
          next: () => get(nextGet()),
          requests: [
            {
              method: 'GET',
              headers: readHeaders,
              setupRequest: (req) => ({ ...req, path: nextGet() }),
            },
          ],
          wrk: {
            headers: readHeaders,
            list: () => fromTurn(ids, g).map((id) => ({ method: 'GET', path: `/api/evaluations/${id}` })),
            sent: (n) => {
              g += n;
            },
          },
          warmWholeCycle: true,
          goal: { text: 'p99 < 20 ms', p99: 20 },
        },
        {
          id: 'list',
          label: 'list, filtered (year, status, kind; page 3 of 20)',
          sample: get(listPath),
          next: () => get(listPath),
          requests: [{ method: 'GET', path: listPath, headers: readHeaders }],
          wrk: fixedWrk(listPath),
        },
        {
          id: 'dashboard',
          label: 'GET /api/dashboard?year=2022',
          sample: get('/api/dashboard?year=2022'),
          next: () => get('/api/dashboard?year=2022'),
          requests: [{ method: 'GET', path: '/api/dashboard?year=2022', headers: readHeaders }],
          wrk: fixedWrk('/api/dashboard?year=2022'),
          goal: { text: 'p99 < 200 ms', p99: 200 },
        },
        {
          id: 'save',
          label: 'save (PUT with If-Match, a different draft each time)',
          sample: saveRequest(),
          next: saveRequest,
          requests: [
            {
              method: 'PUT',
              // the same calls as one at a time; autocannon hands each its answer through `context`
              setupRequest: (req, context) => {
                const call = saveRequest();
                context.call = call;
                return { ...req, path: call.path, body: call.body, headers: call.headers };
              },
              onResponse: (status, body, context) => {
                if (status !== 200) (context.call as Call).refused?.(status, body);
              },
            },
          ],
          wrk: {
            headers: writeHeaders,
            list: () =>
              fromTurn(targets, s).map((t) => ({
                method: 'PUT',
                path: `/api/evaluations/${t.id}`,
                body: t.body,
                version: versions.get(t.id) ?? 1,
              })),
            // wrk sent these drafts in turn, each with its version then: count them on here too
            sent: (n) => {
              for (let i = 0; i < n; i++) sendVersion(nextSave().id);
            },
          },
          goal: { text: 'p99 < 50 ms', p99: 50 },
          steadyRate: 100,
        },
      ];
      for (const e of endpoints) {
        const m = await measure(server.url, e, seconds, dialect);
        figures.push(...m.figures);
        notes.push(...m.notes);
        raw[e.id] = m.raw;
      }
      // The dashboard's and the lists' answers are kept until the next write: time them as a
      // reviewer sees them right after a save, when the database aggregates (or lists) again.
      // The list is the first page the web list shows, unfiltered (every form of the stage).
      const firstPage = '/api/evaluations?stage=self-evaluation&page=1&pageSize=20';
      const recomputed = { dashboard: [] as number[], list: [] as number[] };
      const recomputedBase = { dashboard: [] as number[], list: [] as number[] };
      let listSize = 0;
      for (let run = 0; run <= RUNS; run++) {
        const answer = await send(server.url, saveRequest());
        await answer.arrayBuffer();
        // a refused save writes nothing and the kept answer stands: nothing to time
        if (answer.status !== 200) break;
        const [ms] = await alone(server.url, 1, () => get('/api/dashboard?year=2022'));
        const [baseMs] = await alone(server.url, 1, () =>
          get(`/api/bench/constant?bytes=${(raw.dashboard as { size: number }).size}`),
        );
        const [listMs] = await alone(server.url, 1, () => get(firstPage));
        if (listSize === 0)
          listSize = (await (await send(server.url, get(firstPage))).arrayBuffer()).byteLength;
        const [listBaseMs] = await alone(server.url, 1, () => get(`/api/bench/constant?bytes=${listSize}`));
        if (run > 0) {
          recomputed.dashboard.push(ms as number);
          recomputedBase.dashboard.push(baseMs as number);
          recomputed.list.push(listMs as number);
          recomputedBase.list.push(listBaseMs as number);
        }
      }
      if (recomputed.dashboard.length === 0)
        notes.push(
          `${dialect}: a save was refused, so the dashboard and the list right after a save were not timed.`,
        );
      else
        figures.push(
          figure({
            id: `${dialect}-dashboard-recomputed`,
            label:
              'GET /api/dashboard?year=2022 right after a save (aggregated again): one request at a time',
            unit: 'ms',
            higherIsBetter: false,
            values: recomputed.dashboard,
            baseline: {
              label: 'constant JSON body of the same size, same server',
              values: recomputedBase.dashboard,
            },
          }),
          figure({
            id: `${dialect}-list-recomputed`,
            label: `GET ${firstPage} right after a save (listed again; the web list's first page): one request at a time`,
            unit: 'ms',
            higherIsBetter: false,
            values: recomputed.list,
            baseline: {
              label: 'constant JSON body of the same size, same server',
              values: recomputedBase.list,
            },
          }),
        );
      if (s > targets.length) {
        notes.push(
          `${dialect} save: ${s.toLocaleString('en')} saves went to ${targets.length.toLocaleString('en')} drafts in turn, so most drafts were saved ${Math.floor(s / targets.length)} or ${Math.ceil(s / targets.length)} times, each time with If-Match of its version then.`,
        );
      }
      raw.savesSent = s;
    } finally {
      await server.stop();
    }
  } finally {
    live.delete(drop);
    await database.drop();
  }
  return { figures, notes, raw };
}

export async function runScale(): Promise<Section> {
  const n = sizeFrom('BENCH_SCALE_N', 100_000, 100);
  // the same size on both, as the goals are set at 100,000 evaluations; PostgreSQL's load takes
  // about 125 s of the suite's 9 minutes here (one statement per 500 rows, jsonb parsing)
  const nPg = sizeFrom('BENCH_SCALE_N_POSTGRES', n, 100);
  const seconds = Number(process.env.BENCH_SCALE_SECONDS) || (QUICK ? 0.15 : 1);
  const backends = (process.env.BENCH_SCALE_BACKENDS ?? 'sqlite,postgres').split(',') as DialectName[];
  log(`scale: preparing ${TEMPLATES} template forms`);
  const tpls = await templates(TEMPLATES);
  const figures: Figure[] = [];
  const notes: string[] = [];
  const extra: Record<string, unknown> = {};
  for (const dialect of backends) {
    const r = await backend(dialect, dialect === 'postgres' ? nPg : n, tpls, seconds);
    figures.push(...r.figures);
    notes.push(...r.notes);
    extra[dialect] = r.raw;
  }
  const indicators = tpls.reduce((s2, t) => s2 + t.doc.indicators.length, 0) / tpls.length;
  return {
    id: 'scale',
    title: 'Scale: the store and the HTTP API',
    method: [
      `${TEMPLATES} generated Hubei department forms (${indicators.toFixed(1)} indicators on average) imported, scored and checked once each, then repeated as ${n.toLocaleString('en')} evaluations (SQLite) and ${nPg.toLocaleString('en')} (PostgreSQL) under ${YEARS.length} years and one unit per form per year; loaded into a fresh database with the store's bulk repository (store/repos/bulk.ts) in transactions of ${BATCH.toLocaleString('en')}; the load time includes making each document's JSON.`,
      `A real server process (packages/server/src/testing/server-process.ts) on that database, and wrk (Debian's \`wrk\`, one thread) as the client: ${CONNECTIONS} connections, ${RUNS} runs of ${seconds} s per endpoint, each alternated with a run against the baseline; the requests come from bench/wrk.lua. Client, server and database share the machine's 2 cores (and other work). Each run opens its ${CONNECTIONS} connections and lets the server accept them before the first request (the first ${WARM_MS} ms of the run, not counted in its latencies or its throughput): Node accepts one new connection per turn of its event loop, so on a server kept busy by the first connections' requests the last of 50 fresh ones waited about 50 turns, which in 1 s runs was most of the p99 (bench/profiling.md, "Fifth pass"). wrk also takes about half the CPU a request that autocannon does. Where wrk is not installed, autocannon runs instead, with fresh connections each run, and the goals are read against it.`,
      "GET cycles through up to 2,000 different evaluations (every 37th loaded); the server keeps a form's answer (64 MB at most) until the form changes, so \"one request at a time\" reads forms for the first time and warm-up runs at 50 connections (not counted) go once round the cycle, and the timed runs read forms the server keeps. The list asks for 20 rows of one year, status and kind. The dashboard aggregates one year (a fifth of the evaluations) in the database; the server keeps the dashboard's and each list's answer until the next write, so the runs at 50 connections read kept answers, and separate figures time the dashboard, and the web list's first page (every self-evaluation, page 1 of 20), right after a save. Each save PUTs the next draft (a tenth of the evaluations, at most 3,000, taken in turn) with If-Match of the current version of that draft, as the unit filler, and is scored, checked and written as a new version.",
    ],
    figures,
    notes,
    extra,
  };
}

if (process.argv[1] === fileURLToPath(import.meta.url)) emit(await runScale());
