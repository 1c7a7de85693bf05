/**
 * Where a form opens for a person: the editor while it is a draft of their own unit they may
 * change, else the read-only review page (复核) with its actions. The server decides again.
 */
import type { EvaluationSummary, User } from '../api/types.ts';
import { t } from '../i18n/index.ts';

/** Whether the person may still edit the form (the unit's filler or approver, a draft). */
export function canEdit(e: Pick<EvaluationSummary, 'status' | 'unit'>, user: User | null): boolean {
  return (
    !!user &&
    e.status === 'draft' &&
    (user.role === 'filler' || user.role === 'approver') &&
    user.unitId === e.unit.id
  );
}

export function openHref(e: Pick<EvaluationSummary, 'id' | 'status' | 'unit'>, user: User | null): string {
  const id = encodeURIComponent(e.id);
  return canEdit(e, user) ? `/evaluations/${id}` : `/evaluations/${id}/review`;
}

/** The form in words: 2023年 某单位 某项目 (部门整体 when it has no project). */
export function formName(e: Pick<EvaluationSummary, 'year' | 'unit' | 'project'>): string {
  return `${e.year ? `${t('list.yearLabel', { year: e.year })} ` : ''}${e.unit.name} ${e.project ?? t('list.project.department')}`;
}
