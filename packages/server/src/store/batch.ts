/**
 * Lookups asked for in the same turn of the event loop, sent to the database together as one
 * query. On PostgreSQL every query is a round trip: a write to the socket, a backend woken to run
 * it, a read back. Under load most of a kept form's GET was that round trip (bench/profiling.md,
 * fifth pass), and the requests read from the network in one turn each made their own. Gathered,
 * they share one.
 *
 * A lookup waits at most until the end of the turn it was asked in (setImmediate runs after the
 * turn's network reads and the promise callbacks they started), so a request alone is not held
 * up, and every lookup's query starts after the lookup was asked: it sees everything committed
 * before the request came.
 */

/** Turns many keys into their answers, one answer per key in the keys' order. */
export type BatchRun<K, R> = (keys: readonly K[]) => Promise<readonly R[]>;

/** Asks for one key's answer; the key is sent with the others asked in the same turn. */
export type Batched<K, R> = (key: K) => Promise<R>;

interface Waiting<K, R> {
  key: K;
  resolve: (r: R) => void;
  reject: (e: unknown) => void;
}

/**
 * `run` is called with at most `maxKeys` keys at a time; a batch that fails fails every lookup
 * in it, each with the same error, as its own query would have.
 */
export function batchPerTurn<K, R>(run: BatchRun<K, R>, maxKeys: number): Batched<K, R> {
  let waiting: Waiting<K, R>[] = [];
  const send = async (batch: Waiting<K, R>[]) => {
    try {
      const answers = await run(batch.map((w) => w.key));
      if (answers.length !== batch.length) {
        throw new Error(`batched lookup: ${answers.length} answers for ${batch.length} keys`);
      }
      for (let i = 0; i < batch.length; i++) batch[i]?.resolve(answers[i] as R);
    } catch (e) {
      for (const w of batch) w.reject(e);
    }
  };
  const flush = () => {
    const all = waiting;
    waiting = [];
    for (let i = 0; i < all.length; i += maxKeys) void send(all.slice(i, i + maxKeys));
  };
  return (key) =>
    new Promise<R>((resolve, reject) => {
      if (waiting.length === 0) setImmediate(flush);
      waiting.push({ key, resolve, reject });
    });
}
