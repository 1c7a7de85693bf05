/**
 * Grids → canonical evaluations: the importer's public entry.
 *
 *   tokenize → join wrapped labels → recognise the layout → read the forms → finalise
 *
 * Several forms in one file give several results; a document in which no form can be found
 * gives one error naming the header words it did find.
 */
import type { Evaluation } from '@jixiao/core';
import type { Grid } from '../grid.ts';
import { budgetRoleOf, indicatorRoleOf } from '../layout/headers.ts';
import { recognizeLayoutBy } from '../layout/index.ts';
import { readText } from '../read/text.ts';
import { finalizeForm } from './finalize.ts';
import { footerField, headField, isBudgetTitle } from './markers.ts';
import { parseForms } from './parse.ts';
import { warn } from './report.ts';
import { joinWrappedCells, keyOfTok, signaturesOfTok, type Tok, tokenize } from './tokens.ts';

export interface ExtractError {
  code: string;
  message: string;
  where: string;
}

export type ExtractResult = { evaluation: Evaluation } | { error: ExtractError };

export interface ExtractOptions {
  /** the file's name, recorded in import.source and in messages */
  file?: string;
}

export function extractEvaluations(grids: Grid[], opts: ExtractOptions = {}): ExtractResult[] {
  const file = opts.file ?? grids[0]?.source;
  const where = file ?? '文档';
  const toks = tokenize(grids);
  if (!toks.some((t) => !t.empty)) {
    return [{ error: { code: 'empty', message: `“${where}”中没有可读的内容`, where } }];
  }
  const joins = joinWrappedCells(toks);
  // each distinct text's signatures are kept with its facts: the cells are not matched anew
  const match = recognizeLayoutBy(toks, keyOfTok, signaturesOfTok);
  const layout = match?.layout ?? null;
  const forms = parseForms(toks, layout);
  if (forms.length === 0) {
    const found = headerWordsFound(toks);
    const list = found.length > 0 ? `找到的表头有：${found.join('、')}` : '没有找到任何表头';
    return [
      {
        error: {
          code: 'unknown-layout',
          message: `无法识别“${where}”的表格版式：没有找到预算执行情况或绩效指标表。${list}。`,
          where,
        },
      },
    ];
  }
  return forms.map((form) => {
    const own = joins.filter((j) => j.at >= form.firstTok && j.at <= form.lastTok).map((j) => j.repair);
    form.report.repairs.unshift(...own);
    if (!layout) {
      warn(
        form.report,
        'unknown-layout',
        where,
        '未识别出已知的表格版式（湖北部门/项目、全国项目、四川、重庆），已按通用规则提取，请核对',
      );
    }
    return { evaluation: finalizeForm(form, file) };
  });
}

function headerWordsFound(toks: Tok[]): string[] {
  const out: string[] = [];
  for (const t of toks) {
    if (t.empty) continue;
    const k = t.key;
    const isHeader =
      indicatorRoleOf(k) !== null ||
      budgetRoleOf(k) !== null ||
      headField(k) !== null ||
      footerField(k) !== null ||
      isBudgetTitle(k);
    if (isHeader && !out.includes(t.text)) out.push(t.text.replace(/\n/g, ''));
    if (out.length >= 20) break;
  }
  return out;
}

/** Reads a text or markdown file's content and extracts its forms. */
export function importText(text: string, file: string): ExtractResult[] {
  return extractEvaluations(readText(text, file), { file });
}
