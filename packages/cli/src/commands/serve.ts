/**
 * `jixiao serve`: the multi-unit service on SQLite (default ./data/jixiao.db) or PostgreSQL
 * (DATABASE_URL), printing where it listens and, on a new demo database, the demo logins.
 */
import { serve } from '@jixiao/server';
import type { Io } from '../main.ts';

const ROLE_NAMES: Record<string, string> = {
  admin: '系统管理员',
  reviewer: '财政复核人',
  approver: '单位负责人（审批）',
  filler: '单位填报人',
};

export interface ServeCliOptions {
  port?: string;
  host?: string;
  db?: string;
  demo?: boolean;
}

export async function runServe(opts: ServeCliOptions, io: Io): Promise<number> {
  const port = Number(opts.port ?? process.env.PORT ?? 8080);
  if (!Number.isInteger(port) || port < 0 || port > 65535) {
    io.err(`端口号无效：${opts.port}（应为 0–65535 的整数）。`);
    return 2;
  }
  const databaseUrl = opts.db ? undefined : process.env.DATABASE_URL;
  let service: Awaited<ReturnType<typeof serve>>;
  try {
    service = await serve({
      port,
      ...(opts.host ? { host: opts.host } : {}),
      ...(opts.db ? { dbPath: opts.db } : {}),
      ...(databaseUrl ? { databaseUrl } : {}),
      demo: opts.demo ?? false,
    });
  } catch (e) {
    const code = (e as NodeJS.ErrnoException).code;
    if (code === 'EADDRINUSE')
      io.err(`端口 ${port} 已被占用：请用 --port 指定其他端口，或先停止占用它的程序。`);
    else io.err(`服务启动失败：${e instanceof Error ? e.message : String(e)}`);
    return 1;
  }
  const where = databaseUrl ? 'PostgreSQL（DATABASE_URL）' : `SQLite ${opts.db ?? './data/jixiao.db'}`;
  io.out(`Jixiao（绩效）服务已启动：${service.url}`);
  io.out(`  数据库：${where}`);
  io.out(`  API：${service.url}/api（说明见 ${service.url}/api/openapi.json）`);
  if (service.demoAccounts) {
    io.out(`  已载入演示数据。演示账号（密码均为 ${service.demoPassword}）：`);
    for (const a of service.demoAccounts) {
      io.out(`    ${a.username.padEnd(10)} ${ROLE_NAMES[a.role] ?? a.role}${a.unit ? `（${a.unit}）` : ''}`);
    }
  } else if (opts.demo) {
    io.out('  数据库中已有数据，未重复载入演示数据。演示账号密码为 jixiao-demo。');
  }
  io.out('按 Ctrl+C 停止。');
  await new Promise<void>((resolve) => {
    const stop = () => {
      io.out('正在停止服务……');
      service.close().then(resolve, resolve);
    };
    process.once('SIGINT', stop);
    process.once('SIGTERM', stop);
  });
  return 0;
}
