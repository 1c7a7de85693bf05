/**
 * Figures as the forms print them: fixed decimals, half-up, through core's decimal helpers
 * (never float arithmetic on a result); an unknown figure is a dash, never 0.
 */
import { dec, fixed } from '@jixiao/core';

const DASH = '—';

/** A score or weight: 20 → "20.00". */
export function scoreText(n: number | null | undefined, places = 2): string {
  return n === null || n === undefined ? DASH : fixed(n, places);
}

/** Money as printed: 390.76 → "390.76". */
export function moneyText(n: number | null | undefined): string {
  return n === null || n === undefined ? DASH : fixed(n, 2);
}

/** A fraction as a percentage with fixed decimals: 1 → "100.00%". */
export function rateText(fraction: number | null | undefined, places = 2): string {
  return fraction === null || fraction === undefined ? DASH : `${fixed(dec(fraction).times(100), places)}%`;
}

/** reported − computed as text with a sign, or null when either is unknown or they agree. */
export function differenceText(reported: number | null | undefined, computed: number | null | undefined) {
  if (reported === null || reported === undefined || computed === null || computed === undefined) return null;
  const d = dec(reported).minus(dec(computed));
  if (d.isZero()) return null;
  return `${d.isPositive() ? '+' : ''}${fixed(d, 2)}`;
}

/** A file size for people: 3602 → "3.5 KB". */
export function sizeText(bytes: number): string {
  if (bytes < 1024) return `${bytes} B`;
  if (bytes < 1024 * 1024) return `${fixed(dec(bytes).div(1024), 1)} KB`;
  return `${fixed(dec(bytes).div(1024 * 1024), 1)} MB`;
}
