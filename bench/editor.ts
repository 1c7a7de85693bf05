/**
 * The web editor: how long re-scoring and re-checking a form of 200 indicators takes in the
 * browser, as the editor does after every change. Core is bundled with esbuild into one script
 * (as vite does for the web app), loaded into Chromium (playwright-core, the system browser),
 * and score() + check() are timed inside the page. `npx tsx bench/editor.ts` (BENCH_QUICK=1).
 *
 * Every timed call gets its own copy of the form, made before timing: an edit gives the editor
 * a new evaluation object, and the checks memoise per object (see bench/check-seed.ts).
 * Baseline: the same calls on the same copies in Node, in this process.
 */
import { fileURLToPath } from 'node:url';
import { check, type Evaluation, getProfile, type Indicator, score } from '@jixiao/core';
import { importBytes } from '@jixiao/formats';
import { build } from 'esbuild';
import { chromium } from 'playwright-core';
import { generateForm, renderForm } from '../packages/formats/src/corpus/index.ts';
import { chromiumPath, LAUNCH_ARGS } from '../packages/formats/src/write/pdf.ts';
import { emit, figure, log, QUICK, RUNS, type Section, spread } from './stats.ts';

const INDICATORS = 200;
const PER_RUN = QUICK ? 10 : 60;

/** A generated department form grown to 200 indicators by repeating its own, renamed. */
async function bigForm(): Promise<Evaluation> {
  const r = await renderForm(generateForm(31, 0, 'hubei-department'), 'tab-separated');
  const [first] = await importBytes(r.bytes, r.file);
  if (!first || !('evaluation' in first)) throw new Error('editor: the generated form did not import');
  const ev = first.evaluation;
  const base = ev.indicators;
  const indicators: Indicator[] = Array.from({ length: INDICATORS }, (_, i) => {
    const ind = base[i % base.length] as Indicator;
    const round = Math.floor(i / base.length);
    return round === 0 ? ind : { ...ind, name: `${ind.name}（${round + 1}）` };
  });
  return { ...ev, indicators };
}

async function coreBundle(): Promise<string> {
  const out = await build({
    stdin: {
      contents:
        "import { check, getProfile, score } from '@jixiao/core';\n" +
        'globalThis.jixiaoBench = { check, getProfile, score };\n',
      resolveDir: fileURLToPath(new URL('.', import.meta.url)),
      loader: 'ts',
    },
    bundle: true,
    format: 'iife',
    platform: 'browser',
    target: 'es2022',
    minify: true,
    write: false,
    logLevel: 'silent',
  });
  return (out.outputFiles[0] as { text: string }).text;
}

/**
 * In the page (and in Node for the baseline): RUNS runs of PER_RUN calls on fresh copies; each
 * run's median milliseconds. Plain JavaScript source, so that the very same code runs in both
 * (a function handed to page.evaluate would carry what tsx adds to it).
 */
const TIMING = `(args) => {
  const { check, getProfile, score } = globalThis.jixiaoBench;
  const profile = getProfile(args.profileId);
  if (!profile) throw new Error('no profile ' + args.profileId);
  const copy = () => JSON.parse(args.json);
  let findings = 0;
  for (let i = 0; i < 10; i++) findings = check(copy(), profile, [], { score: score(copy(), profile) }).length;
  const runs = [];
  for (let run = 0; run < args.runs; run++) {
    const copies = Array.from({ length: args.perRun }, copy);
    const times = [];
    for (const ev of copies) {
      const t0 = performance.now();
      check(ev, profile, [], { score: score(ev, profile) });
      times.push(performance.now() - t0);
    }
    times.sort((a, b) => a - b);
    runs.push(times[Math.floor(times.length / 2)]);
  }
  return { runs, findings };
}`;

interface Timing {
  runs: number[];
  findings: number;
}

export async function runEditor(): Promise<Section> {
  const ev = await bigForm();
  const json = JSON.stringify(ev);
  const profileId = ev.profile ?? 'hubei-2020';
  log('editor: bundling core');
  const script = await coreBundle();
  log(`editor: core bundle ${(script.length / 1024).toFixed(0)} KB; timing in Chromium`);
  const browser = await chromium.launch({
    executablePath: chromiumPath(),
    args: LAUNCH_ARGS,
    headless: true,
  });
  const args = { json, profileId, runs: RUNS, perRun: PER_RUN };
  let page: Timing;
  try {
    const p = await (await browser.newContext()).newPage();
    await p.setContent('<!doctype html><meta charset="utf-8"><title>bench</title>');
    await p.addScriptTag({ content: script });
    page = (await p.evaluate(`(${TIMING})(${JSON.stringify(args)})`)) as Timing;
  } finally {
    await browser.close();
  }
  (globalThis as unknown as { jixiaoBench: unknown }).jixiaoBench = { check, getProfile, score };
  // the very source the page ran, made a function here (no eval of anything but our own constant)
  const timing = new Function(`return ${TIMING}`)() as (a: typeof args) => Timing;
  const node = timing(args);
  const f = figure({
    id: 'editor-rescore',
    label: `score() + check() of a ${INDICATORS}-indicator form in Chromium`,
    unit: 'ms',
    higherIsBetter: false,
    values: page.runs,
    baseline: { label: 'the same calls in Node (this process)', values: node.runs },
    note: `${page.findings} findings per call; core bundle ${(script.length / 1024).toFixed(0)} KB minified`,
  });
  f.goal = { text: '< 5 ms', met: f.median < 5 };
  return {
    id: 'editor',
    title: 'Web editor: re-score and re-check in the browser',
    method: [
      `A generated Hubei department form grown to ${INDICATORS} indicators (its own indicators repeated under new names). Core bundled by esbuild (IIFE, minified) and run in headless Chromium; ${RUNS} runs of ${PER_RUN} calls on fresh copies after 10 warm-up calls; each run gives the median call, the figure is the median of the runs.`,
    ],
    figures: [f],
    notes: [],
    extra: { nodeSpread: spread(node.runs) },
  };
}

if (process.argv[1] === fileURLToPath(import.meta.url)) emit(await runEditor());
