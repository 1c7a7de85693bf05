/**
 * Writes a generated corpus: N forms, each in every format the importer reads, with its truth.
 *
 *   npx tsx scripts/make-corpus.ts --n 1000 --seed 7 --out /tmp/corpus
 *   npx tsx scripts/make-corpus.ts --n 50 --out /tmp/c --formats xlsx,pdf --layouts sichuan-2023
 *
 * Layout of OUT:
 *   OUT/<format>/<form>-<layout>-<format>.<ext>   the files
 *   OUT/truth/<form>.json                         what a perfect importer extracts (the samples' shape)
 *   OUT/manifest.json                             seed, counts, and per file: format, layout, form,
 *                                                 truth path and the damage it carries
 * The same N and seed always give the same bytes.
 */
import { mkdirSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { parseArgs } from 'node:util';
import {
  CORPUS_FORMATS,
  CORPUS_LAYOUTS,
  type CorpusFormat,
  type CorpusLayout,
  generateForm,
  renderForm,
} from '../packages/formats/src/corpus/index.ts';

const USAGE = `用法：npx tsx scripts/make-corpus.ts --n 数量 --out 目录 [--seed 种子] [--formats 格式,…] [--layouts 版式,…]
  格式：${CORPUS_FORMATS.join(', ')}
  版式：${CORPUS_LAYOUTS.join(', ')}`;

function fail(message: string): never {
  console.error(`${message}\n${USAGE}`);
  process.exit(2);
}

function listOption<T extends string>(value: string | undefined, all: readonly T[], what: string): T[] {
  if (value === undefined) return [...all];
  const items = value
    .split(',')
    .map((s) => s.trim())
    .filter((s) => s !== '');
  const unknown = items.filter((s) => !(all as readonly string[]).includes(s));
  if (unknown.length > 0) fail(`未知的${what}：${unknown.join('、')}`);
  return items as T[];
}

async function main(): Promise<void> {
  let args: ReturnType<typeof parse>;
  try {
    args = parse();
  } catch (e) {
    fail(e instanceof Error ? e.message : String(e));
  }
  const { values } = args;
  if (values.help) {
    console.log(USAGE);
    return;
  }
  const n = Number(values.n);
  const seed = Number(values.seed);
  if (!Number.isInteger(n) || n < 1) fail('--n 必须是正整数');
  if (!Number.isInteger(seed) || seed < 0) fail('--seed 必须是非负整数');
  if (!values.out) fail('缺少 --out 输出目录');
  const out = values.out;
  const formats = listOption<CorpusFormat>(values.formats, CORPUS_FORMATS, '格式');
  const layouts = listOption<CorpusLayout>(values.layouts, CORPUS_LAYOUTS, '版式');

  for (const f of formats) mkdirSync(join(out, f), { recursive: true });
  mkdirSync(join(out, 'truth'), { recursive: true });
  const files: unknown[] = [];
  let bytes = 0;
  const started = Date.now();
  for (let i = 0; i < n; i++) {
    // the layouts asked for, in turn; form i is the same whatever else is asked for
    const form = generateForm(seed, i, layouts[i % layouts.length]);
    const truthPath = join('truth', `${form.id}.json`);
    writeFileSync(join(out, truthPath), `${JSON.stringify(form.truth, null, 1)}\n`);
    for (const format of formats) {
      const r = await renderForm(form, format);
      const path = join(format, r.file);
      writeFileSync(join(out, path), r.bytes);
      bytes += r.bytes.length;
      files.push({
        file: path,
        format,
        layout: form.layout,
        form: form.id,
        truth: truthPath,
        damage: r.damage,
      });
    }
    if ((i + 1) % 100 === 0 || i + 1 === n) {
      process.stderr.write(`\r已生成 ${i + 1}/${n} 份表，${files.length} 个文件`);
    }
  }
  process.stderr.write('\n');
  const manifest = { seed, n, formats, layouts, files };
  writeFileSync(join(out, 'manifest.json'), `${JSON.stringify(manifest)}\n`);
  const seconds = ((Date.now() - started) / 1000).toFixed(1);
  console.log(
    `写入 ${out}：${n} 份表 × ${formats.length} 种格式 = ${files.length} 个文件，` +
      `${(bytes / 1024 / 1024).toFixed(1)} MB，用时 ${seconds} 秒`,
  );
}

function parse() {
  return parseArgs({
    options: {
      n: { type: 'string', default: '100' },
      seed: { type: 'string', default: '7' },
      out: { type: 'string' },
      formats: { type: 'string' },
      layouts: { type: 'string' },
      help: { type: 'boolean', short: 'h', default: false },
    },
    strict: true,
  });
}

await main();
