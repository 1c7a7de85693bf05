/**
 * A: the breakdown lines (其中 财政拨款 / 上年结转 / 其他资金 …) do not add up to the budget total.
 * A single line may be a partial breakdown, so a sum is only compared when two or more lines give
 * the figure; a line larger than the total is wrong however many lines there are.
 */
import { compare, dec, plain, round, scaledNumber, sumNumbers } from '../../decimal/decimal.ts';
import type { BudgetLine } from '../../model/evaluation.ts';
import type { RawFinding, Rule } from '../types.ts';

const FIELDS = [
  ['initial', '年初预算数'],
  ['planned', '全年预算数'],
  ['executed', '全年执行数'],
] as const;

// A 合计 row repeats the total; it is not part of the breakdown.
const SUBTOTAL = /合\s*计|小\s*计|总\s*计/;

type Field = (typeof FIELDS)[number][0];

/**
 * Whether a field certainly gives no finding, told in whole numbers of 10^-places: every figure
 * has at most `places` places (so rounding leaves it as it is), no line exceeds the total, and
 * where the lines are summed the sum is the total. False when unsure: the decimals decide.
 */
function clearInWholeNumbers(
  lines: readonly { line: BudgetLine }[],
  field: Field,
  total: number,
  places: number,
): boolean {
  const t = scaledNumber(total, places);
  if (t === null) return false;
  let sum = 0;
  let missing = false;
  for (const { line } of lines) {
    const v = line[field];
    if (v === null) {
      missing = true;
      continue;
    }
    const n = scaledNumber(v, places);
    if (n === null || n > t) return false;
    sum += n;
  }
  if (missing || lines.length < 2) return true;
  return Number.isSafeInteger(sum) && sum === t;
}

export const budgetLinesMismatch: Rule = {
  code: 'budget-lines-mismatch',
  class: 'arithmetic',
  severity: 'warning',
  title: '资金明细与预算总额不符',
  basis: '年度资金总额 = 财政拨款 + 上年结转 + 其他资金等各项资金之和（自评表“其中”各行）',
  run(ctx) {
    const budget = ctx.evaluation.budget;
    const money = budget.moneyUnit || '万元';
    const places = ctx.profile.rounding.money;
    const lines = budget.lines
      .map((line, index) => ({ line, index }))
      .filter(({ line }) => !SUBTOTAL.test(line.label));
    if (lines.length === 0) return [];
    const out: RawFinding[] = [];
    for (const [field, word] of FIELDS) {
      const total = budget[field];
      if (total === null) continue;
      // Most breakdowns add up, in figures of a few places: no decimal needed to see it.
      if (clearInWholeNumbers(lines, field, total, places)) continue;
      const totalDec = round(dec(total), places);
      const over = lines.filter(({ line }) => {
        const v = line[field];
        return v !== null && compare(round(dec(v), places), totalDec) > 0;
      });
      for (const { line, index } of over) {
        out.push({
          path: `budget.lines[${index}]`,
          message: `资金明细“${line.label}”的${word} ${plain(line[field] ?? 0)}${money}超过资金总额的${word} ${plain(total)}${money}。`,
        });
      }
      if (over.length > 0 || lines.length < 2) continue;
      const values = lines.map(({ line }) => line[field]);
      if (values.some((v) => v === null)) continue;
      const sum = sumNumbers(values);
      if (round(sum, places).equals(totalDec)) continue;
      const terms = lines.map(({ line }) => `${line.label} ${plain(line[field] ?? 0)}`).join(' + ');
      out.push({
        path: 'budget.lines',
        message: `资金明细的${word}合计 ${plain(round(sum, places))}${money}（${terms}），与资金总额 ${plain(total)}${money}不符，相差 ${plain(round(sum.minus(total).abs(), places))}${money}。`,
      });
    }
    return out;
  },
};
