/**
 * One regex that matches exactly when one of the list's does. Most keys asked about (values,
 * names, two cells glued together to test a wrapped header) are no header word at all: this
 * refuses them in one pass instead of a pass per pattern. Flags and backreferences would change
 * meaning in the union (its groups are numbered anew), so patterns with either are refused.
 */
export function anyOf(patterns: readonly RegExp[]): RegExp {
  const odd = patterns.find((re) => re.flags !== '' || /\\[1-9]|\\k</.test(re.source));
  if (odd) throw new Error(`anyOf: ${odd} has flags or a backreference`);
  return new RegExp(patterns.map((re) => `(?:${re.source})`).join('|'));
}
