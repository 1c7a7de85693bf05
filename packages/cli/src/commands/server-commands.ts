/**
 * The commands that look after the multi-unit service's database and accounts: `jixiao db …`
 * and `jixiao user add`. Registered by main.ts (`registerServerCommands(program, io, setCode)`);
 * each loads its module only when it runs.
 */
import type { Command } from 'commander';
import type { Io } from '../main.ts';

const DB_OPTION = '--db <path|url>';
const DB_HELP =
  'SQLite 数据库文件（默认 ./data/jixiao.db），或 postgres:// 连接串；未指定时使用环境变量 DATABASE_URL';

export function registerServerCommands(program: Command, io: Io, setCode: (code: number) => void): void {
  const db = program
    .command('db')
    .description('服务的数据库：迁移、备份与恢复（SQLite，或 DATABASE_URL 指定的 PostgreSQL）')
    .helpOption('-h, --help', '显示帮助')
    .helpCommand('help [command]', '显示某个命令的帮助');

  db.command('migrate')
    .description('把数据库结构升级到本版本（新数据库则建立全部表）；jixiao serve 启动时也会自动执行')
    .option(DB_OPTION, DB_HELP)
    .helpOption('-h, --help', '显示帮助')
    .addHelpText('after', '\n退出码：0 成功；1 失败。')
    .action(async (opts: { db?: string }) => {
      setCode(await (await import('./db.ts')).runDbMigrate(opts, io));
    });

  db.command('backup')
    .description(
      '备份数据库到文件，服务运行时也可以备份：SQLite 备份为一个 SQLite 文件，PostgreSQL 备份为 JSON lines 文件（同一时刻的一致快照）',
    )
    .argument('<file>', '备份文件（不能已存在）')
    .option(DB_OPTION, DB_HELP)
    .helpOption('-h, --help', '显示帮助')
    .addHelpText(
      'after',
      '\n会话、登录计数和后台任务状态不在备份中。\n退出码：0 成功；1 失败。\n\n示例：\n  jixiao db backup backups/jixiao-$(date +%F).db\n  DATABASE_URL=postgres://jixiao@db/jixiao jixiao db backup backups/jixiao-$(date +%F).jsonl',
    )
    .action(async (file: string, opts: { db?: string }) => {
      setCode(await (await import('./db.ts')).runDbBackup(file, opts, io));
    });

  db.command('restore')
    .description(
      '从备份文件恢复（两种备份都可以恢复到 SQLite 或 PostgreSQL），在一个事务中完成；数据库正被服务使用时拒绝',
    )
    .argument('<file>', 'jixiao db backup 生成的备份文件')
    .option(DB_OPTION, DB_HELP)
    .option('--replace', '数据库中已有数据时，用备份替换全部数据')
    .helpOption('-h, --help', '显示帮助')
    .addHelpText(
      'after',
      '\n请先停止所有 jixiao serve 进程。恢复后所有用户需要重新登录。\n退出码：0 成功；1 被拒绝或失败。\n\n示例：\n  jixiao db restore backups/jixiao-2024-06-10.db --db data/restored.db\n  DATABASE_URL=postgres://jixiao@db/jixiao jixiao db restore backups/jixiao-2024-06-10.jsonl --replace',
    )
    .action(async (file: string, opts: { db?: string; replace?: boolean }) => {
      setCode(await (await import('./db.ts')).runDbRestore(file, opts, io));
    });

  const user = program
    .command('user')
    .description('服务的用户账号')
    .helpOption('-h, --help', '显示帮助')
    .helpCommand('help [command]', '显示某个命令的帮助');

  user
    .command('add')
    .description('添加用户（例如第一个系统管理员）；密码从标准输入或 --password-file 读取，不在命令行中出现')
    .argument('<username>', '用户名：2–32 位字母、数字、下划线、点或连字符')
    .option(
      '--role <role>',
      '角色：admin（系统管理员）、reviewer（财政复核人）、approver（单位负责人）、filler（单位填报人）',
    )
    .option('--unit <unit>', '所属单位的名称或 id（approver 和 filler 必须指定）')
    .option('--name <displayName>', '显示的姓名（默认与用户名相同）')
    .option('--password-file <file>', '从文件读取密码（文件中只有密码）')
    .option(DB_OPTION, DB_HELP)
    .helpOption('-h, --help', '显示帮助')
    .addHelpText(
      'after',
      '\n退出码：0 已添加；1 被拒绝（用户名已存在、单位不存在、密码太短等）；2 用法错误。\n\n示例：\n  printf %s "$ADMIN_PASSWORD" | jixiao user add admin --role admin\n  jixiao user add zhang --role filler --unit 光谷现代服务业园建设服务中心 --password-file pw.txt',
    )
    .action(
      async (
        username: string,
        opts: { role?: string; unit?: string; name?: string; passwordFile?: string; db?: string },
      ) => {
        setCode(await (await import('./user.ts')).runUserAdd(username, opts, io));
      },
    );
}
