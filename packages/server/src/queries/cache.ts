/**
 * Answers kept as JSON (UTF-8 bytes, ready to send) while what they were made from is unchanged, so that a page many
 * people refresh, or a form a reviewer reopens, is not read, assembled and serialised again.
 * Each entry carries a stamp — whatever its source says about its own state — and is used only
 * while the caller's current stamp is the same:
 *
 * - the dashboard: the store's change counter (store/repos/changes.ts), read before computing,
 *   so a kept answer is never older than the counter it is kept under, in any process;
 * - a form's detail: its evaluation row (version, status, times), which every change to the form
 *   moves on.
 *
 * Bounded by the bytes kept; the least recently used entries go first.
 */
import { currentChanges } from '../store/repos/changes.ts';
import type { Db } from '../store/schema.ts';

interface Entry {
  stamp: string;
  value: Promise<Buffer>;
  bytes: number;
}

export interface JsonCache {
  /**
   * The JSON for `key` at `stamp`: kept, or the JSON text `compute` makes (concurrent callers
   * share one computation).
   */
  get(db: Db, key: string, stamp: string, compute: () => Promise<string>): Promise<Buffer>;
  /** bytes kept now for the database */
  size(db: Db): number;
}

export function jsonCache(maxBytes: number): JsonCache {
  // per database, each with its own byte count: tests run many servers, each on its own store,
  // in one process, and a store's bytes must go with it when it is dropped
  const perDatabase = new WeakMap<Db, { entries: Map<string, Entry>; bytes: number }>();
  const drop = (kept: { entries: Map<string, Entry>; bytes: number }, key: string, entry: Entry) => {
    if (kept.entries.get(key) !== entry) return;
    kept.entries.delete(key);
    kept.bytes -= entry.bytes;
  };
  return {
    size: (db) => perDatabase.get(db)?.bytes ?? 0,
    get(db, key, stamp, compute) {
      let kept = perDatabase.get(db);
      if (!kept) {
        kept = { entries: new Map(), bytes: 0 };
        perDatabase.set(db, kept);
      }
      const store = kept;
      const hit = store.entries.get(key);
      if (hit && hit.stamp === stamp) {
        // most recently used last: the oldest is first to go
        store.entries.delete(key);
        store.entries.set(key, hit);
        return hit.value;
      }
      if (hit) drop(store, key, hit);
      // kept encoded: a hit is sent as it is, without encoding 25 KB of Chinese text again
      const entry: Entry = { stamp, bytes: 0, value: compute().then((json) => Buffer.from(json)) };
      store.entries.set(key, entry);
      entry.value.then(
        (json) => {
          if (store.entries.get(key) !== entry) return;
          entry.bytes = json.byteLength;
          store.bytes += entry.bytes;
          for (const [k, e] of store.entries) {
            if (store.bytes <= maxBytes) break;
            drop(store, k, e);
          }
        },
        // a failed computation is not kept: the next request tries again
        () => drop(store, key, entry),
      );
      return entry.value;
    },
  };
}

/**
 * `cache`'s JSON for `key` while nothing has been written since it was made: stamped with the
 * store's change counter (store/repos/changes.ts), read before computing, so a kept answer is
 * never older than the count it is kept under, in any process. For answers any write may change
 * (the dashboard, its points, the lists).
 */
export async function keptUntilNextWrite(
  cache: JsonCache,
  db: Db,
  key: string,
  compute: () => Promise<string>,
): Promise<Buffer> {
  const changes = await currentChanges(db);
  return cache.get(db, key, String(changes), compute);
}
