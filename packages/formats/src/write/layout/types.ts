/**
 * An official export layout: the words the printed form carries, its columns and their widths
 * (data), and the renderer that lays an evaluation out in them as one abstract table.
 */
import type { Evaluation, EvaluationKind, Profile } from '@jixiao/core';
import type { FormTable } from '../table.ts';

export const EXPORT_LAYOUT_IDS = [
  'hubei-department',
  'hubei-project',
  'national-project',
  'sichuan-2023',
] as const;
export type ExportLayoutId = (typeof EXPORT_LAYOUT_IDS)[number];

export interface ExportLayout {
  id: ExportLayoutId;
  /** the form's name for people */
  name: string;
  kind: EvaluationKind;
  /** the scoring profile whose forms print in this layout */
  profile: string;
  render(evaluation: Evaluation, profile: Profile): FormTable;
}
