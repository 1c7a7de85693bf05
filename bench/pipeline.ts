/**
 * Pipeline: generated forms as files → importBytes → score → check, on one core (this process).
 * `npx tsx bench/pipeline.ts` (BENCH_QUICK=1 for tiny sizes; BENCH_PIPELINE_N, BENCH_PIPELINE_MEMORY_N,
 * BENCH_XLSX_N, BENCH_PDF_N to change the sizes).
 *
 * The text forms take the seven text renderings of the corpus in turn (markdown, pipe rows, a
 * cell per line with and without row marks, paragraphs, tab- and space-separated), so no one
 * reader's speed stands for all. The baseline is what the same forms cost when they arrive as
 * canonical JSON: JSON.parse plus core's validate, timed in the same process between the
 * pipeline's runs so that load from other work falls on both alike.
 */
import { fileURLToPath } from 'node:url';
import { check, type Evaluation, resolveProfile, score, validate } from '@jixiao/core';
import { importBytes } from '@jixiao/formats';
import {
  CORPUS_FORMATS,
  type CorpusFormat,
  generateForm,
  renderForm,
} from '../packages/formats/src/corpus/index.ts';
import { emit, type Figure, figure, log, median, RUNS, type Section, sizeFrom } from './stats.ts';

// the seven text renderings, which the corpus lists first (up to html)
const TEXT_FORMATS: readonly CorpusFormat[] = CORPUS_FORMATS.slice(0, CORPUS_FORMATS.indexOf('html'));
const SEED = 8;

interface Input {
  file: string;
  bytes: Uint8Array;
}

async function inputs(n: number, formats: readonly CorpusFormat[], offset = 0): Promise<Input[]> {
  const out: Input[] = [];
  for (let i = 0; i < n; i++) {
    const r = await renderForm(generateForm(SEED, offset + i), formats[i % formats.length] as CorpusFormat);
    out.push({ file: r.file, bytes: r.bytes });
  }
  return out;
}

interface Tally {
  forms: number;
  evaluations: number;
  failed: number;
  findings: number;
}

/** Import, score and check one file, as bulk review does; keeps only counts. */
async function processOne(input: Input, tally: Tally): Promise<void> {
  tally.forms++;
  for (const r of await importBytes(input.bytes, input.file)) {
    if ('error' in r) {
      tally.failed++;
      continue;
    }
    const ev = r.evaluation;
    const resolved = resolveProfile(null, ev.profile);
    if ('error' in resolved) throw new Error(resolved.error);
    const s = score(ev, resolved.profile);
    tally.findings += check(ev, resolved.profile, [], { score: s }).length;
    tally.evaluations++;
  }
}

async function pipelineRun(list: readonly Input[]): Promise<{ perSecond: number; tally: Tally }> {
  const tally: Tally = { forms: 0, evaluations: 0, failed: 0, findings: 0 };
  const t0 = performance.now();
  for (const input of list) await processOne(input, tally);
  return { perSecond: list.length / ((performance.now() - t0) / 1000), tally };
}

function baselineRun(jsons: readonly string[]): number {
  const t0 = performance.now();
  for (const j of jsons) {
    const v = validate(JSON.parse(j));
    if (!v.ok) throw new Error('baseline: the canonical JSON does not validate');
  }
  return jsons.length / ((performance.now() - t0) / 1000);
}

/** The canonical JSON of each file's forms, made once, outside any timing. */
async function canonicalJsons(list: readonly Input[]): Promise<string[]> {
  const out: string[] = [];
  for (const input of list) {
    for (const r of await importBytes(input.bytes, input.file)) {
      if ('evaluation' in r) out.push(JSON.stringify(r.evaluation satisfies Evaluation));
    }
  }
  return out;
}

async function throughput(
  id: string,
  label: string,
  list: readonly Input[],
  goal: boolean,
): Promise<{ figure: Figure; tally: Tally; evaluations: number }> {
  const jsons = await canonicalJsons(list);
  // warm the JIT and every module-level table on a slice before timing anything
  await pipelineRun(list.slice(0, Math.min(list.length, 100)));
  baselineRun(jsons.slice(0, 100));
  const own: number[] = [];
  const base: number[] = [];
  let tally: Tally | undefined;
  for (let run = 0; run < RUNS; run++) {
    // each timed pass starts from a collected heap (bench/run.ts gives --expose-gc), so neither
    // pays for the other's garbage
    global.gc?.();
    const r = await pipelineRun(list);
    tally = r.tally;
    own.push(r.perSecond);
    // per file, like the pipeline: files that hold several forms give several JSON documents.
    // A pass is a tenth of the pipeline's time, and one collection of the pipeline's garbage
    // landing in it halved it (7,322–20,493 forms/s in one run): the median of three passes,
    // each from a collected heap.
    const passes = [0, 1, 2].map(() => {
      global.gc?.();
      return baselineRun(jsons);
    });
    base.push((median(passes) * list.length) / jsons.length);
    log(`  ${id} run ${run + 1}: ${r.perSecond.toFixed(0)} forms/s, baseline ${base.at(-1)?.toFixed(0)}`);
  }
  const f = figure({
    id,
    label,
    unit: 'forms/s',
    higherIsBetter: true,
    values: own,
    baseline: { label: 'JSON.parse + validate of the canonical JSON', values: base },
  });
  if (goal) {
    f.goal = {
      text: '≥ 5,000 forms/s per core and within 10× of the JSON baseline',
      met: f.median >= 5000 && (f.ratio ?? Number.POSITIVE_INFINITY) <= 10,
    };
  }
  return { figure: f, tally: tally as Tally, evaluations: jsons.length };
}

/** One pass over N text forms, sampling heap use; the peak RSS of the whole process is kept too. */
async function memory(n: number): Promise<{ figures: Figure[]; perSecond: number }> {
  const list = await inputs(n, TEXT_FORMATS, 100_000);
  global.gc?.();
  const before = process.memoryUsage();
  let peakHeap = before.heapUsed;
  let peakRss = before.rss;
  const tally: Tally = { forms: 0, evaluations: 0, failed: 0, findings: 0 };
  const t0 = performance.now();
  for (let i = 0; i < list.length; i++) {
    await processOne(list[i] as Input, tally);
    if (i % 50 === 0) {
      const m = process.memoryUsage();
      peakHeap = Math.max(peakHeap, m.heapUsed);
      peakRss = Math.max(peakRss, m.rss);
    }
  }
  const perSecond = n / ((performance.now() - t0) / 1000);
  const mb = (b: number) => Math.round((b / 1024 / 1024) * 10) / 10;
  const maxRss = process.resourceUsage().maxRSS * 1024;
  return {
    perSecond,
    figures: [
      figure({
        id: 'pipeline-peak-rss',
        label: `peak RSS, ${n.toLocaleString('en')} text forms in one process`,
        unit: 'MB',
        higherIsBetter: false,
        values: [mb(Math.max(peakRss, maxRss))],
        note: `RSS before the run ${mb(before.rss)} MB (the inputs, ${mb(list.reduce((s, x) => s + x.bytes.length, 0))} MB of files, are already in memory)`,
      }),
      figure({
        id: 'pipeline-peak-heap',
        label: `peak V8 heap used, ${n.toLocaleString('en')} text forms`,
        unit: 'MB',
        higherIsBetter: false,
        values: [mb(peakHeap)],
        note: `heap used before the run ${mb(before.heapUsed)} MB; sampled every 50 forms`,
      }),
    ],
  };
}

export async function runPipeline(): Promise<Section> {
  const n = sizeFrom('BENCH_PIPELINE_N', 2000, 20);
  const memoryN = sizeFrom('BENCH_PIPELINE_MEMORY_N', 10_000, 20);
  const xlsxN = sizeFrom('BENCH_XLSX_N', 300, 3);
  const pdfN = sizeFrom('BENCH_PDF_N', 60, 2);

  // memory first, while the process holds nothing else (the pdf reader alone adds ~300 MB)
  log(`pipeline: memory pass over ${memoryN} text forms`);
  const m = await memory(memoryN);
  log(`pipeline: generating ${n} text forms, ${xlsxN} xlsx, ${pdfN} pdf`);
  const text = await inputs(n, TEXT_FORMATS);
  const xlsx = await inputs(xlsxN, ['xlsx']);
  const pdf = await inputs(pdfN, ['pdf']);

  const t = await throughput(
    'pipeline-text',
    `text forms (${n.toLocaleString('en')}, 7 text layouts in turn)`,
    text,
    true,
  );
  const x = await throughput('pipeline-xlsx', `xlsx forms (${xlsxN})`, xlsx, false);
  const p = await throughput('pipeline-pdf', `pdf forms (${pdfN})`, pdf, false);

  const notes = [
    `Timed runs use ${n.toLocaleString('en')} text forms (${RUNS} runs); one further pass over ${memoryN.toLocaleString('en')} different text forms measures memory` +
      ` and ran at ${Math.round(m.perSecond).toLocaleString('en')} forms/s.`,
  ];
  for (const [name, r] of [
    ['text', t],
    ['xlsx', x],
    ['pdf', p],
  ] as const) {
    if (r.tally.failed > 0) notes.push(`${name}: ${r.tally.failed} of ${r.tally.forms} files gave no form.`);
  }
  return {
    id: 'pipeline',
    title: 'Pipeline: import + score + check',
    method: [
      'Generated forms (packages/formats/src/corpus, seed 8) rendered to files before timing; each timed run reads every file with importBytes, then scores and checks each form (no history), in one process, so the figure is forms per second on one core.',
      "Baseline: the same forms as canonical JSON (made once from the import), JSON.parse + core validate, timed between the pipeline runs in the same process; each timed pass starts from a collected heap, and each run's baseline is the median of three passes, since one pass is a tenth of a pipeline run and a collection of the pipeline's garbage landing in it could halve it.",
    ],
    figures: [t.figure, x.figure, p.figure, ...m.figures],
    notes,
    extra: {
      findingsPerForm: Math.round((t.tally.findings / Math.max(1, t.tally.evaluations)) * 10) / 10,
      evaluations: { text: t.evaluations, xlsx: x.evaluations, pdf: p.evaluations },
    },
  };
}

if (process.argv[1] === fileURLToPath(import.meta.url)) emit(await runPipeline());
