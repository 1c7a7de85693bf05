/**
 * The entry point of a server process started by tests (server-process.ts): serves the
 * database named in JIXIAO_TEST_SERVE on a free port and prints the address on one line.
 */
import { serve } from '../main.ts';

const config = JSON.parse(process.env.JIXIAO_TEST_SERVE ?? '{}') as {
  dbPath?: string;
  databaseUrl?: string;
  demo?: boolean;
  attachmentLimit?: number;
  importLimits?: { maxBytes?: number; maxFiles?: number };
  jobs?: { pollMs?: number; run?: boolean };
};

const service = await serve({ ...config, port: 0, host: '127.0.0.1' });
process.stdout.write(`JIXIAO_LISTENING ${service.url}\n`);

const stop = () => {
  service.close().then(
    () => process.exit(0),
    () => process.exit(1),
  );
};
process.on('SIGTERM', stop);
process.on('SIGINT', stop);
