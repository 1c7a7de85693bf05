/**
 * The export layouts and which one prints an evaluation: the one asked for, else the layout its
 * profile names (profiles/data/*.json `layout`) when that layout prints its kind of form, else
 * the form of its kind in the profile's region (a Hubei project prints as the Hubei project
 * form), else the national project form or the Hubei department form (the only department
 * layout Jixiao knows).
 */
import { type Evaluation, type Profile, resolveProfile } from '@jixiao/core';
import { hubeiDepartmentLayout, hubeiProjectLayout } from './hubei.ts';
import { nationalProjectLayout } from './national.ts';
import { sichuan2023Layout } from './sichuan.ts';
import { EXPORT_LAYOUT_IDS, type ExportLayout, type ExportLayoutId } from './types.ts';

export * from './types.ts';

export const EXPORT_LAYOUTS: readonly ExportLayout[] = [
  hubeiDepartmentLayout,
  hubeiProjectLayout,
  nationalProjectLayout,
  sichuan2023Layout,
];

export function isExportLayoutId(id: string): id is ExportLayoutId {
  return (EXPORT_LAYOUT_IDS as readonly string[]).includes(id);
}

export function exportLayoutById(id: ExportLayoutId): ExportLayout {
  return EXPORT_LAYOUTS.find((l) => l.id === id)!;
}

/** Layouts of the same region for the other kind of form. */
const SIBLING: Partial<Record<ExportLayoutId, ExportLayoutId>> = {
  'hubei-department': 'hubei-project',
  'hubei-project': 'hubei-department',
};

export type ResolvedLayout =
  | { ok: true; layout: ExportLayout; profile: Profile }
  | { ok: false; message: string };

/**
 * The layout an evaluation is printed in, and the scoring profile it is scored by (its own, else
 * the national default). An unknown layout or profile is an error with the choices, never a
 * silent fallback.
 */
export function resolveLayout(ev: Evaluation, requested?: string | null): ResolvedLayout {
  if (requested !== undefined && requested !== null && !isExportLayoutId(requested)) {
    return {
      ok: false,
      message: `未知的导出版式“${requested}”，可用：${EXPORT_LAYOUTS.map((l) => `${l.id}（${l.name}）`).join('、')}。`,
    };
  }
  const resolved = resolveProfile(null, ev.profile);
  if ('error' in resolved) return { ok: false, message: resolved.error };
  const profile = resolved.profile;
  if (requested) return { ok: true, layout: exportLayoutById(requested), profile };
  const own = isExportLayoutId(profile.layout) ? exportLayoutById(profile.layout) : null;
  if (own && own.kind === ev.kind) return { ok: true, layout: own, profile };
  const sibling = own ? SIBLING[own.id] : undefined;
  if (sibling) return { ok: true, layout: exportLayoutById(sibling), profile };
  const fallback = ev.kind === 'department' ? hubeiDepartmentLayout : nationalProjectLayout;
  return { ok: true, layout: fallback, profile };
}
