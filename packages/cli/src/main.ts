/**
 * The `jixiao` command line: one sub-command per module in ./commands, each loaded only when
 * it runs, so `jixiao score` does not pay for loading the server or the PDF reader.
 */

import { listProfiles } from '@jixiao/core';
import { Command, CommanderError } from 'commander';
import { registerServerCommands } from './commands/server-commands.ts';

export interface Io {
  out: (s: string) => void;
  err: (s: string) => void;
}

const stdio: Io = {
  out: (s) => process.stdout.write(`${s}\n`),
  err: (s) => process.stderr.write(`${s}\n`),
};

export function buildProgram(io: Io, setCode: (code: number) => void): Command {
  const profiles = listProfiles()
    .map((p) => `${p.id}（${p.name}）`)
    .join('；');
  const program = new Command('jixiao')
    .description(
      'Jixiao（绩效）：预算绩效自评表的导入、计分、复核与导出 — budget performance self-evaluation forms',
    )
    .version('0.1.0', '-V, --version', '显示版本号')
    .helpOption('-h, --help', '显示帮助')
    .helpCommand('help [command]', '显示某个命令的帮助')
    .configureOutput({ writeOut: (s) => io.out(s.trimEnd()), writeErr: (s) => io.err(s.trimEnd()) })
    .exitOverride();

  program
    .command('score')
    .description('按评分规则重新计算一张自评表的预算执行得分、各指标得分、总分和等级，并逐项说明')
    .argument('<file>', '自评表的标准 JSON 文件（canonical evaluation JSON）')
    .option('-p, --profile <id>', `评分规则，默认用表中 profile 字段，否则 national-2020。可用：${profiles}`)
    .option('--json', '以 JSON 输出计分结果（供程序使用）')
    .helpOption('-h, --help', '显示帮助')
    .addHelpText(
      'after',
      '\n退出码：0 已计分；2 文件无法读取、不是有效的自评表，或评分规则未知。\n\n示例：\n  jixiao score examples/seed-hubei-dept-2023.expected.json\n  jixiao score form.json --profile national-2020 --json',
    )
    .action(async (file: string, opts: { profile?: string; json?: boolean }) => {
      setCode(await (await import('./commands/score.ts')).runScore(file, opts, io));
    });

  program
    .command('import')
    .description(
      '导入：把发布的自评表（文本、Markdown、HTML、CSV、XLSX、DOCX、PDF）转为标准 JSON，并列出修复和疑点',
    )
    .argument('<file...>', '要导入的文件；一个文件中有多张表时分别导出')
    .option('--json', '输出标准 JSON（多张表时为数组）')
    .option('--out <dir>', '每张表写一个 JSON 文件到该目录')
    .option(
      '--to-db',
      '在服务的数据库中为每张表建立草稿（标明没有经批复的绩效目标），审计记录中注明来自控制台和文件',
    )
    .option(
      '--db <path|url>',
      '与 --to-db 一起：SQLite 数据库文件（默认 ./data/jixiao.db）或 postgres:// 连接串；未指定时用 DATABASE_URL',
    )
    .option(
      '--unit <unit>',
      '与 --to-db 一起：草稿所属单位的名称或 id；默认按表中的单位名称（未建立的单位自动新建）',
    )
    .option(
      '--as <username>',
      '与 --to-db 一起：记为建立者的用户（财政复核人，或该单位的人员）；默认为不能登录的控制台账号 jixiao-console',
    )
    .helpOption('-h, --help', '显示帮助')
    .addHelpText(
      'after',
      '\n退出码：0 全部导入；1 有文件未能导入；2 用法错误。\n\n示例：\n  jixiao import ../shared/samples/seed-hubei-dept-2023.md\n  jixiao import forms/*.pdf --out imported/\n  jixiao import forms/*.xlsx --to-db --db data/jixiao.db --unit 天长市水利局',
    )
    .action(
      async (
        files: string[],
        opts: { json?: boolean; out?: string; toDb?: boolean; db?: string; unit?: string; as?: string },
      ) => {
        setCode(await (await import('./commands/import.ts')).runImport(files, opts, io));
      },
    );

  program
    .command('check')
    .description(
      '复核：对一张或多张自评表逐条核验（计算、完整性、目标质量、指标归类、合理性、历史对比），按严重程度列出问题',
    )
    .argument('<file...>', '自评表文件：标准 JSON，或可导入的表格文件')
    .option('-p, --profile <id>', `评分规则，默认用表中 profile 字段，否则 national-2020。可用：${profiles}`)
    .option('--history <dir>', '往年自评表所在目录（同一单位、项目的往年表用于历史对比）')
    .option('--json', '以 JSON 输出：每张表 {file, evaluation, score, findings}')
    .option('--report <out>', '为每张表写一份复核报告（.html 或 .md）；多张表时文件名后加序号')
    .helpOption('-h, --help', '显示帮助')
    .addHelpText(
      'after',
      '\n退出码：0 未发现错误；1 发现错误；2 有文件无法读取。\n\n示例：\n  jixiao check examples/seed-hubei-dept-2023.expected.json\n  jixiao check form.json --history forms/2022 --report report.html',
    )
    .action(
      async (
        files: string[],
        opts: { profile?: string; history?: string; json?: boolean; report?: string },
      ) => {
        setCode(await (await import('./commands/check.ts')).runCheck(files, opts, io));
      },
    );

  program
    .command('export')
    .description(
      '导出：按所在地区的官方版式把自评表导出为 xlsx、pdf、docx、md、csv、html 或标准 JSON；--bundle 打包公开',
    )
    .argument('[file...]', '自评表文件：标准 JSON，或可导入的表格文件（用 --id 时不给）')
    .option('--id <id>', '导出服务数据库中这张自评表的当前版本（代替文件）')
    .option(
      '--db <path|url>',
      '与 --id 一起：SQLite 数据库文件（默认 ./data/jixiao.db）或 postgres:// 连接串；未指定时用 DATABASE_URL',
    )
    .option('-f, --format <format>', '导出格式：xlsx、pdf、docx、md、csv、json、html')
    .option(
      '-l, --layout <id>',
      '导出版式（默认按评分规则）：hubei-department、hubei-project、national-project、sichuan-2023',
    )
    .option('-o, --out <path>', '输出文件；多张表时为目录；文本格式可用 - 写到标准输出；打包时为 .zip 文件')
    .option('--bundle', '打包：每个单位一个文件夹，每张表 PDF 和 Excel 各一份，附 index.csv 和 index.html')
    .helpOption('-h, --help', '显示帮助')
    .addHelpText(
      'after',
      '\n退出码：0 全部导出；1 有表未能读取或导出；2 用法错误。\n\n示例：\n  jixiao export examples/seed-hubei-dept-2023.expected.json --format xlsx -o seed.xlsx\n  jixiao export forms/*.json --bundle -o publish.zip\n  jixiao export --id 0b6f… --db data/jixiao.db --format pdf -o form.pdf',
    )
    .action(
      async (
        files: string[],
        opts: { format?: string; layout?: string; out?: string; bundle?: boolean; id?: string; db?: string },
      ) => {
        setCode(await (await import('./commands/export.ts')).runExport(files, opts, io));
      },
    );

  program
    .command('serve')
    .description(
      '启动多单位服务（HTTP API）：默认使用 SQLite ./data/jixiao.db；设置 DATABASE_URL 则使用 PostgreSQL',
    )
    .option('--port <n>', '监听端口（默认 8080，或环境变量 PORT）')
    .option('--host <addr>', '监听地址（默认 127.0.0.1；0.0.0.0 允许其他机器访问）')
    .option('--db <path>', 'SQLite 数据库文件（默认 ./data/jixiao.db）')
    .option('--demo', '新数据库时载入演示数据和演示账号')
    .helpOption('-h, --help', '显示帮助')
    .addHelpText(
      'after',
      '\n示例：\n  jixiao serve --demo\n  DATABASE_URL=postgres://user@host/jixiao jixiao serve --port 9000',
    )
    .action(async (opts: { port?: string; host?: string; db?: string; demo?: boolean }) => {
      setCode(await (await import('./commands/serve.ts')).runServe(opts, io));
    });

  program
    .command('demo')
    .description('演示：对示例表（湖北 2023 年度部门整体自评表）计分、复核并打印结果')
    .helpOption('-h, --help', '显示帮助')
    .action(async () => {
      setCode(await (await import('./commands/demo.ts')).runDemo(io));
    });

  registerServerCommands(program, io, setCode);
  return program;
}

export async function main(argv: string[], io: Io = stdio): Promise<number> {
  let code = 0;
  const program = buildProgram(io, (c) => {
    code = c;
  });
  try {
    await program.parseAsync(argv);
  } catch (e) {
    if (e instanceof CommanderError) {
      // --help and --version end through here with exit code 0; usage mistakes with 1 → 2.
      return e.exitCode === 0 ? 0 : 2;
    }
    io.err(`内部错误：${e instanceof Error ? (e.stack ?? e.message) : String(e)}`);
    return 70;
  }
  return code;
}
