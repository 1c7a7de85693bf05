/**
 * Putting a row's cells into its columns. Published rows lose empty cells, gain stray ones and
 * shift by a column, so a cell's position alone is not trusted: the cells are matched to the
 * columns in order, by what each column accepts (a score column takes only a small number, a
 * unit column only a short unit …), with the header's column position as a tie-breaker.
 */
import type { Tok } from './tokens.ts';

export interface Slot<R extends string> {
  role: R;
  /** the header column of this role, when known */
  col: number | null;
  /** how well a cell fits: > 0 fits, -Infinity never (given the token, so that it may ask the facts kept on it) */
  fit: (tok: Tok) => number;
  /** a filled cell matters more here (a score over a target when only two numbers are given) */
  preference?: number;
}

export interface Alignment<R extends string> {
  cells: Partial<Record<R, Tok>>;
  /** non-empty cells that fitted no column */
  unused: Tok[];
  method: 'index' | 'order' | 'align';
}

const UNUSED_PENALTY = 1.5;
const COLUMN_BONUS = 0.5;
const WEAK_FIT = 0.5;

// the moves of the alignment table, kept in a byte array
const SKIP_SLOT = 0;
const SKIP_CELL = 1;
const TAKE = 2;

// The alignment's tables, reused from row to row: made anew for each row that reaches the
// alignment, the two typed arrays cost more than filling them (about 0.5% of the text pipeline).
// A larger table than SCRATCH_KEPT (a row of hundreds of stray cells) is made for its row only,
// so no one odd row keeps memory for good. alignCells never runs inside a fit, so one pair serves.
const SCRATCH_KEPT = 4096;
let bestScratch = new Float64Array(256);
let moveScratch = new Uint8Array(256);

/** Tables of at least `size` entries; every entry of `best` below `size` is -Infinity. */
function tables(size: number): { best: Float64Array; move: Uint8Array } {
  if (size > SCRATCH_KEPT)
    return { best: new Float64Array(size).fill(-Infinity), move: new Uint8Array(size) };
  if (bestScratch.length < size) {
    bestScratch = new Float64Array(SCRATCH_KEPT);
    moveScratch = new Uint8Array(SCRATCH_KEPT);
  }
  // every move is written before it is read (the table is filled in order), so only best is reset
  bestScratch.fill(-Infinity, 0, size);
  return { best: bestScratch, move: moveScratch };
}

function fits<R extends string>(toks: Tok[], slots: Slot<R>[]): boolean {
  for (let k = 0; k < toks.length; k++) {
    const t = toks[k]!;
    if (!t.empty && !(slots[k]!.fit(t) > 0)) return false;
  }
  return true;
}

/**
 * Assigns `toks` (a row's cells after the name, empty ones included) to `slots`:
 * 1. as many cells as columns, each fitting its column: by index (empty cells are blanks);
 * 2. as many filled cells as columns, each fitting: in order;
 * 3. otherwise the best order-preserving assignment, scored by fit, by agreement with the
 *    header's columns (when `positional`, after undoing `shift`) and by each column's preference;
 *    a filled cell left out costs more than any column left empty.
 */
export function alignCells<R extends string>(
  toks: Tok[],
  slots: Slot<R>[],
  opts: { positional: boolean; shift: number } = { positional: false, shift: 0 },
): Alignment<R> {
  const filled = toks.filter((t) => !t.empty);
  if (toks.length === slots.length && fits(toks, slots)) {
    const cells: Partial<Record<R, Tok>> = {};
    toks.forEach((t, k) => {
      cells[slots[k]!.role] = t;
    });
    return { cells, unused: [], method: 'index' };
  }
  if (filled.length === slots.length && fits(filled, slots)) {
    const cells: Partial<Record<R, Tok>> = {};
    filled.forEach((t, k) => {
      cells[slots[k]!.role] = t;
    });
    return { cells, unused: [], method: 'order' };
  }
  // a row whose trailing text column (偏差原因) is empty, its other cells in order: read in order,
  // whatever their positions say (a row shifted right by one would push its 得分 there)
  const lastSlot = slots[slots.length - 1];
  if (
    lastSlot?.role === 'deviation' &&
    filled.length === slots.length - 1 &&
    fits(filled, slots.slice(0, -1))
  ) {
    const cells: Partial<Record<R, Tok>> = {};
    filled.forEach((t, k) => {
      cells[slots[k]!.role] = t;
    });
    return { cells, unused: [], method: 'order' };
  }
  const n = filled.length;
  const m = slots.length;
  const w = m + 1;
  // best[i * w + j]: best score using the first i cells and the first j columns; move: how it was reached
  const { best, move } = tables((n + 1) * w);
  best[0] = 0;
  for (let i = 0; i <= n; i++) {
    for (let j = 0; j <= m; j++) {
      if (i === 0 && j === 0) continue;
      let score = -Infinity;
      let how = SKIP_SLOT;
      if (j > 0 && best[i * w + j - 1]! > score) {
        score = best[i * w + j - 1]!;
        how = SKIP_SLOT;
      }
      if (i > 0 && best[(i - 1) * w + j]! - UNUSED_PENALTY > score) {
        score = best[(i - 1) * w + j]! - UNUSED_PENALTY;
        how = SKIP_CELL;
      }
      if (i > 0 && j > 0) {
        const tok = filled[i - 1]!;
        const slot = slots[j - 1]!;
        const fit = slot.fit(tok);
        if (fit > 0) {
          let gain = fit + (slot.preference ?? 0);
          // a weak fit (a bare number in the 偏差原因 column) earns nothing by its position: a row
          // shifted right by one puts its 得分 there, and the shift must not win over the order
          if (opts.positional && slot.col !== null && tok.col - opts.shift === slot.col && fit >= WEAK_FIT)
            gain += COLUMN_BONUS;
          const s = best[(i - 1) * w + j - 1]! + gain;
          if (s > score) {
            score = s;
            how = TAKE;
          }
        }
      }
      best[i * w + j] = score;
      move[i * w + j] = how;
    }
  }
  const cells: Partial<Record<R, Tok>> = {};
  const unused: Tok[] = [];
  let i = n;
  let j = m;
  while (i > 0 || j > 0) {
    const how = move[i * w + j]!;
    if (how === TAKE) {
      cells[slots[j - 1]!.role] = filled[i - 1]!;
      i--;
      j--;
    } else if (how === SKIP_CELL) {
      unused.unshift(filled[i - 1]!);
      i--;
    } else j--;
  }
  return { cells, unused, method: 'align' };
}
