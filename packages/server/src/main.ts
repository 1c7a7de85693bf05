/**
 * `serve({port, dbPath | databaseUrl, demo})`: open (and migrate) the database, load the demo
 * data into a new one when asked, and listen. The CLI's `jixiao serve` calls this.
 */
import type { FastifyInstance } from 'fastify';
import { DEMO_PASSWORD, type DemoAccount, isEmptyDatabase, loadDemo } from './demo/load.ts';
import { type BuildServerOptions, buildServer } from './http/server.ts';
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
}

export interface RunningService {
  url: string;
  app: FastifyInstance;
  store: Store;
  /** the demo accounts, when demo data was loaded now */
  demoAccounts: DemoAccount[] | null;
  demoPassword: string | null;
  close(): Promise<void>;
}

export async function serve(options: ServeOptions = {}): Promise<RunningService> {
  const config = databaseConfig({
    ...(options.dbPath !== undefined ? { dbPath: options.dbPath } : {}),
    ...(options.databaseUrl !== undefined ? { databaseUrl: options.databaseUrl } : {}),
  });
  const store = await openDatabase(config);
  try {
    let demoAccounts: DemoAccount[] | null = null;
    if (options.demo && (await isEmptyDatabase(store.db))) {
      demoAccounts = await loadDemo(store.db);
    }
    const { port: _port, host: _host, dbPath: _dbPath, databaseUrl: _url, demo: _demo, ...rest } = options;
    const app = await buildServer({ ...rest, db: store.db, dialect: store.dialect });
    const address = await app.listen({ port: options.port ?? 8080, host: options.host ?? '127.0.0.1' });
    return {
      url: address,
      app,
      store,
      demoAccounts,
      demoPassword: demoAccounts ? DEMO_PASSWORD : null,
      close: async () => {
        await app.close();
        await store.close();
      },
    };
  } catch (e) {
    await store.close();
    throw e;
  }
}
