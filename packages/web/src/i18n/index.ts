/**
 * The zh-CN catalogue: every text a user reads comes from here, by key, so wording is
 * reviewed in one place and not scattered through the pages. Each area of the app keeps its
 * own file (common.ts, editor.ts, …) and is merged below.
 */
import { adminTexts } from './admin.ts';
import { common } from './common.ts';
import { editor } from './editor.ts';
import { importTexts } from './import.ts';
import { listTexts } from './list.ts';
import { publicTexts } from './public.ts';
import { review } from './review.ts';
import { statsTexts } from './stats.ts';
import { workbenchTexts } from './workbench.ts';

const catalogue: Record<string, string> = {
  ...common,
  ...editor,
  ...review,
  ...publicTexts,
  ...importTexts,
  ...workbenchTexts,
  ...listTexts,
  ...statsTexts,
  ...adminTexts,
};

/** Adds an area's texts (called by each page module when it loads). */
export function addMessages(messages: Record<string, string>): void {
  Object.assign(catalogue, messages);
}

/** The text for `key` with `{name}` placeholders filled; an unknown key shows itself. */
export function t(key: string, params?: Record<string, string | number>): string {
  const text = catalogue[key] ?? key;
  if (!params) return text;
  return text.replace(/\{(\w+)\}/g, (whole, name: string) =>
    params[name] === undefined ? whole : String(params[name]),
  );
}
