/**
 * Paths of the canonical document (`indicators[3].actual.raw`) as places a person finds on
 * the printed form (第4行 实际完成值), and as the element ids the read-only view gives its rows,
 * so a finding, a comment or a change can scroll to and highlight its row.
 */
import type { EvaluationInput } from '../api/types.ts';
import { t } from '../i18n/index.ts';

/** The id of the element that shows `path` in EvaluationView, or null for the whole form. */
export function anchorOf(path: string | null | undefined): string | null {
  if (!path) return null;
  const row = /^indicators\[(\d+)\]/.exec(path);
  if (row) return `ev-indicator-${row[1]}`;
  const goal = /^goals\[(\d+)\]/.exec(path);
  if (goal) return `ev-goal-${goal[1]}`;
  const top = /^[A-Za-z]+/.exec(path)?.[0] ?? '';
  if (top === 'budget') return 'ev-budget';
  if (top === 'totalReported' || top === 'grade') return 'ev-total';
  if (['deviationAnalysis', 'improvementPlan', 'conclusion', 'problems'].includes(top)) return `ev-${top}`;
  if (['unit', 'year', 'project', 'department', 'filledOn', 'kind', 'profile'].includes(top)) {
    return 'ev-header';
  }
  if (top === 'indicators') return 'ev-indicators';
  if (top === 'goals') return 'ev-goals';
  return null;
}

function fieldWord(key: string): string {
  const text = t(`field.${key}`);
  return text === `field.${key}` ? key : text;
}

/** The sub-field of a target or actual value: `.raw` is the value itself. */
function valueWord(key: string): string {
  if (key === 'raw') return '';
  const text = t(`place.value.${key}`);
  return text === `place.value.${key}` ? key : text;
}

export interface Place {
  /** 第3行 实际完成值 */
  place: string;
  /** the indicator's name or the goal's text, for a row */
  detail: string | null;
}

/** A path in words: `indicators[2].actual.raw` → {place: 第3行 实际完成值, detail: 指标名}. */
export function placeOfPath(path: string | null | undefined, evaluation?: EvaluationInput | null): Place {
  if (!path) return { place: t('place.whole'), detail: null };
  const parts = path.match(/[^.[\]]+|\[\d+\]/g) ?? [path];
  const index = (p: string | undefined) => (p?.startsWith('[') ? Number(p.slice(1, -1)) : null);
  const [head, second, ...rest] = parts;
  const restWords = (keys: string[]) => {
    const words: string[] = [];
    for (let i = 0; i < keys.length; i++) {
      const key = keys[i] as string;
      const k = index(key);
      if (k !== null) continue;
      const w = i === 0 ? fieldWord(key) : valueWord(key) || fieldWord(key);
      if (w) words.push(w);
    }
    return words;
  };
  if (head === 'indicators' && index(second) !== null) {
    const k = index(second) as number;
    const ind = evaluation?.indicators?.[k];
    const words = restWords(rest);
    const place = [t('place.row', { n: k + 1 }), ...words].join(' ');
    return { place, detail: ind?.name ?? null };
  }
  if (head === 'goals' && index(second) !== null) {
    const k = index(second) as number;
    const words = restWords(rest);
    return {
      place: [t('place.goal', { n: k + 1 }), ...words].join(' '),
      detail: evaluation?.goals?.[k]?.text ?? null,
    };
  }
  if (head === 'budget') {
    const words = [fieldWord('budget')];
    if (second === 'lines' && index(rest[0]) !== null) {
      const k = index(rest[0]) as number;
      words.push(t('place.budgetLine', { n: k + 1 }), ...restWords(rest.slice(1)));
      return { place: words.join(' '), detail: evaluation?.budget?.lines?.[k]?.label ?? null };
    }
    if (second) words.push(fieldWord(second));
    return { place: words.join(' '), detail: null };
  }
  if (head === 'import') return { place: t('place.import'), detail: null };
  return { place: [fieldWord(head as string), ...restWords(rest)].join(' '), detail: null };
}
