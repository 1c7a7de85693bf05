/**
 * SQLite's WAL checkpoints, run on a thread of their own for the server.
 *
 * In WAL mode every commit appends pages to the -wal file, and by default the connection that
 * commits copies them back into the database file once the WAL passes 1,000 pages (about one
 * checkpoint per 35 saves of a form). better-sqlite3 is synchronous, so that copy and its fsync
 * ran on the event loop inside a save's commit: 5–27 ms each, about 0.8 ms per save on average,
 * every request waiting behind it (bench/profiling.md). Here a worker thread with its own
 * connection checkpoints (PASSIVE: it never waits for or blocks the server's readers and
 * writers) a few times a second, and the server's own connection does not checkpoint at all.
 */
import { createRequire } from 'node:module';
import { Worker } from 'node:worker_threads';

export interface Checkpointer {
  /** stops the thread and closes its connection (before the server's own is closed) */
  stop(): Promise<void>;
}

/** How often the thread checkpoints; at 200 saves a second the WAL then stays near 5 MB. */
const EVERY_MS = 250;
/** WAL pages (4 KB) past which the thread makes the WAL start again (see SOURCE). */
const RESTART_PAGES = 4096;
/** A thread that cannot open the file within this is given up, and the server checkpoints itself. */
const READY_MS = 10_000;

// CommonJS run as the worker's source (eval), so the thread needs no TypeScript loader; it gets
// better-sqlite3 by its resolved path.
const SOURCE = `
const { parentPort, workerData } = require('node:worker_threads');
const Database = require(workerData.driver);
let db;
try {
  db = new Database(workerData.path, { timeout: workerData.busyMs });
  db.pragma('busy_timeout = ' + workerData.busyMs);
} catch (e) {
  parentPort.postMessage({ failed: String(e && e.message || e) });
  process.exit(0);
}
const timer = setInterval(() => {
  try {
    const [r] = db.pragma('wal_checkpoint(PASSIVE)');
    // The WAL starts again from its beginning only when a write finds it wholly copied; under
    // writes that never pause, the file would grow for good. Past the limit, copy the rest while
    // holding new writes back (briefly: PASSIVE has just copied nearly everything).
    if (r && r.log > workerData.restartPages && r.checkpointed < r.log) db.pragma('wal_checkpoint(RESTART)');
  } catch (e) {
    // busy or locked (a restore, a backup): the next round tries again
  }
}, workerData.everyMs);
parentPort.on('message', (m) => {
  if (m !== 'stop') return;
  clearInterval(timer);
  db.close();
  parentPort.postMessage({ stopped: true });
  parentPort.close();
});
parentPort.postMessage({ ready: true });
`;

/**
 * Starts the thread for the database file at `path`; null when it could not open the file (the
 * caller then leaves checkpoints to its own connection).
 */
export async function startCheckpointer(
  path: string,
  options: { busyMs: number; everyMs?: number; onLost?: () => void },
): Promise<Checkpointer | null> {
  const driver = createRequire(import.meta.url).resolve('better-sqlite3');
  const worker = new Worker(SOURCE, {
    eval: true,
    workerData: {
      path,
      driver,
      busyMs: options.busyMs,
      everyMs: options.everyMs ?? EVERY_MS,
      restartPages: RESTART_PAGES,
    },
  });
  // the thread never keeps a process alive that is otherwise done
  worker.unref();
  const ready = await new Promise<boolean>((resolve) => {
    const timer = setTimeout(() => resolve(false), READY_MS);
    worker.once('message', (m: { ready?: boolean }) => {
      clearTimeout(timer);
      resolve(m.ready === true);
    });
    worker.once('error', () => {
      clearTimeout(timer);
      resolve(false);
    });
  });
  if (!ready) {
    await worker.terminate();
    return null;
  }
  // a thread that has ended already (it failed) has nothing left to stop
  let exited = false;
  let stopping: Promise<void> | null = null;
  worker.once('exit', () => {
    exited = true;
    // ended without being asked (it crashed): the caller checkpoints on its own again
    if (stopping === null) options.onLost?.();
  });
  return {
    stop: () => {
      stopping ??= new Promise<void>((resolve) => {
        if (exited) return resolve();
        worker.once('exit', () => resolve());
        worker.once('message', () => void worker.terminate());
        worker.postMessage('stop');
      });
      return stopping;
    },
  };
}
