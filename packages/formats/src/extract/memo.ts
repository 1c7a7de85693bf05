/**
 * Memoisation for the pure string predicates the extractor asks many times about the same
 * cell texts (is it a label, a header word, a value …). Each cache is bounded, and simply
 * cleared when full, so memory stays flat however many files are imported.
 */
const LIMIT = 20_000;

export function memo<R>(fn: (key: string) => R): (key: string) => R {
  const cache = new Map<string, R>();
  return (key: string) => {
    const hit = cache.get(key);
    if (hit !== undefined || cache.has(key)) return hit as R;
    if (cache.size >= LIMIT) cache.clear();
    const value = fn(key);
    cache.set(key, value);
    return value;
  };
}
