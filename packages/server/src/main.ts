/**
 * `serve({port, dbPath | databaseUrl, demo})`: open (and migrate) the database, load the demo
 * data into a new one when asked, listen, and run the background jobs. The CLI's `jixiao serve`
 * calls this. Settings a deployment gives every process alike can come from the environment
 * (`serveOptionsFromEnv`, docs/deploy.md); options passed in win.
 */
import type { FastifyInstance } from 'fastify';
import { DEFAULT_LOGIN_LIMITS } from './commands/logIn.ts';
import { DEMO_PASSWORD, type DemoAccount, isEmptyDatabase, loadDemo } from './demo/load.ts';
import { type BuildServerOptions, buildServer } from './http/server.ts';
import { builtInJobs } from './jobs/builtin.ts';
import { type JobRunner, startJobRunner } from './jobs/runner.ts';
import { databaseConfig, openDatabase, type Store } from './store/database.ts';

export interface ServeOptions extends Omit<BuildServerOptions, 'db' | 'dialect'> {
  port?: number;
  /** 127.0.0.1 by default; 0.0.0.0 to accept connections from other machines */
  host?: string;
  /** SQLite file (default ./data/jixiao.db) */
  dbPath?: string;
  /** PostgreSQL URL; DATABASE_URL is used when neither this nor dbPath is given */
  databaseUrl?: string;
  /** load the demo data if the database is new */
  demo?: boolean;
  /**
   * Background jobs (docs/deploy.md): `run: false` runs none on this process (it still tells the
   * database it is alive); `pollMs` is how often it looks for due jobs (default 30 s).
   */
  jobs?: { run?: boolean; pollMs?: number };
}

function flag(value: string | undefined): boolean | undefined {
  if (value === undefined || value.trim() === '') return undefined;
  return !['0', 'false', 'no', 'off'].includes(value.trim().toLowerCase());
}

/**
 * The options a deployment sets for every process alike, from the environment:
 * `JIXIAO_TRUST_PROXY`, `JIXIAO_SECURE_COOKIES`, `JIXIAO_JOBS` (1/0, on/off, true/false).
 * DATABASE_URL and JIXIAO_DB_POOL_SIZE are read by `databaseConfig`.
 */
export function serveOptionsFromEnv(env: NodeJS.ProcessEnv = process.env): ServeOptions {
  const trustProxy = flag(env.JIXIAO_TRUST_PROXY);
  const secureCookies = flag(env.JIXIAO_SECURE_COOKIES);
  const jobs = flag(env.JIXIAO_JOBS);
  return {
    ...(trustProxy !== undefined ? { trustProxy } : {}),
    ...(secureCookies !== undefined ? { secureCookies } : {}),
    ...(jobs !== undefined ? { jobs: { run: jobs } } : {}),
  };
}

export interface RunningService {
  url: string;
  app: FastifyInstance;
  store: Store;
  /** the demo accounts, when demo data was loaded now */
  demoAccounts: DemoAccount[] | null;
  demoPassword: string | null;
  /** this process's background job runner (its server id, a round on demand) */
  jobs: JobRunner;
  /** stops listening, lets the running job finish, says the server is gone, closes the database */
  close(): Promise<void>;
}

export async function serve(given: ServeOptions = {}): Promise<RunningService> {
  const fromEnv = serveOptionsFromEnv();
  const options: ServeOptions = { ...fromEnv, ...given, jobs: { ...fromEnv.jobs, ...given.jobs } };
  const config = databaseConfig({
    ...(options.dbPath !== undefined ? { dbPath: options.dbPath } : {}),
    ...(options.databaseUrl !== undefined ? { databaseUrl: options.databaseUrl } : {}),
  });
  // a server's commits must not wait for WAL checkpoints (store/checkpointer.ts)
  const store = await openDatabase(config, { checkpointThread: true });
  try {
    let demoAccounts: DemoAccount[] | null = null;
    if (options.demo && (await isEmptyDatabase(store.db))) {
      demoAccounts = await loadDemo(store.db);
    }
    const {
      port: _port,
      host: _host,
      dbPath: _dbPath,
      databaseUrl: _url,
      demo: _demo,
      jobs: jobOptions,
      ...rest
    } = options;
    const app = await buildServer({ ...rest, db: store.db, dialect: store.dialect });
    const address = await app.listen({ port: options.port ?? 8080, host: options.host ?? '127.0.0.1' });
    let runner: JobRunner;
    try {
      runner = await startJobRunner({
        db: store.db,
        jobs: builtInJobs({
          loginWindowMs: options.loginLimits?.windowMs ?? DEFAULT_LOGIN_LIMITS.windowMs,
        }),
        ...(jobOptions?.pollMs !== undefined ? { pollMs: jobOptions.pollMs } : {}),
        ...(jobOptions?.run !== undefined ? { runJobs: jobOptions.run } : {}),
        log: (level, message, data) => app.log[level](data ?? {}, message),
      });
    } catch (e) {
      await app.close();
      throw e;
    }
    const started = runner;
    return {
      url: address,
      app,
      store,
      demoAccounts,
      demoPassword: demoAccounts ? DEMO_PASSWORD : null,
      jobs: started,
      close: async () => {
        await app.close();
        await started.stop();
        await store.close();
      },
    };
  } catch (e) {
    await store.close();
    throw e;
  }
}
