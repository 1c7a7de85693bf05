/** The reviewer (finance bureau) or admin sets when a year's forms of a stage are due. */
import { type Actor, STAGE_NAMES, STAGES, type Stage } from '../domain.ts';
import { decideDeadlineAction } from '../policies/deadlines.ts';
import { nowIso } from '../store/dialect.ts';
import { recordEvent } from '../store/repos/audit.ts';
import { type Deadline, findDeadline, upsertDeadline } from '../store/repos/deadlines.ts';
import type { Db } from '../store/schema.ts';
import { inTransaction } from './common.ts';
import { enforce, refuse } from './problem.ts';

export interface SetDeadlineInput {
  year: number;
  stage: string;
  /** YYYY-MM-DD */
  due: string;
  note?: string | null;
}

const NOTE_MAX = 500;

/** A real calendar day written YYYY-MM-DD (2024-02-30 is refused, not rolled over). */
export function isIsoDate(text: string): boolean {
  const m = /^(\d{4})-(\d{2})-(\d{2})$/.exec(text);
  if (!m) return false;
  const d = new Date(Date.UTC(Number(m[1]), Number(m[2]) - 1, Number(m[3])));
  return d.toISOString().slice(0, 10) === text;
}

export async function setDeadline(db: Db, actor: Actor | null, input: SetDeadlineInput): Promise<Deadline> {
  enforce(decideDeadlineAction('set', actor));
  if (!Number.isInteger(input.year) || input.year < 2000 || input.year > 2100) {
    refuse('invalid', 'bad-year', `年度“${input.year}”无效，请填写 2000 至 2100 之间的年份。`, {
      path: 'year',
    });
  }
  if (!(STAGES as readonly string[]).includes(input.stage)) {
    refuse(
      'invalid',
      'bad-stage',
      `未知的填报阶段“${input.stage}”，应为 targets（绩效目标申报）或 self-evaluation（绩效自评）。`,
      {
        path: 'stage',
      },
    );
  }
  const stage = input.stage as Stage;
  const due = typeof input.due === 'string' ? input.due.trim() : '';
  if (!isIsoDate(due)) {
    refuse(
      'invalid',
      'bad-date',
      `截止日期“${due}”无效，请按 YYYY-MM-DD 填写一个真实的日期，例如 2024-03-31。`,
      {
        path: 'due',
      },
    );
  }
  const noteText = typeof input.note === 'string' ? input.note.trim() : '';
  if (noteText.length > NOTE_MAX) {
    refuse('invalid', 'too-long', `说明不能超过 ${NOTE_MAX} 个字符（现有 ${noteText.length} 个）。`, {
      path: 'note',
    });
  }
  const who = actor as Actor;
  return inTransaction(db, async (trx) => {
    const before = await findDeadline(trx, input.year, stage);
    const deadline: Deadline = {
      year: input.year,
      stage,
      due,
      note: noteText === '' ? null : noteText,
      updatedBy: who.username,
      updatedAt: nowIso(),
    };
    await upsertDeadline(trx, deadline);
    await recordEvent(trx, {
      actor: who,
      action: 'deadline.set',
      entityType: 'deadline',
      entityId: `${deadline.year}/${stage}`,
      before: before ? { due: before.due, note: before.note } : null,
      after: { year: deadline.year, stage, stageName: STAGE_NAMES[stage], due, note: deadline.note },
      at: deadline.updatedAt,
    });
    return deadline;
  });
}
