/**
 * Kills the server with SIGKILL in the middle of a write storm, N rounds, restarting it each
 * time; checks the SQLite file's integrity and that every write answered 2xx survived
 * (scripts/crash-storm-lib.ts).
 *
 *   npx tsx scripts/crash-storm.ts                 100 rounds
 *   npx tsx scripts/crash-storm.ts --rounds 10 --clients 8
 *
 * Exits 1 when a write was lost or the file is damaged.
 */
import { parseArgs } from 'node:util';
import { crashStorm } from './crash-storm-lib.ts';

const { values } = parseArgs({
  options: { rounds: { type: 'string' }, clients: { type: 'string' } },
});
const rounds = Number(values.rounds ?? 100);
const clients = Number(values.clients ?? 6);
if (!Number.isInteger(rounds) || rounds < 1 || !Number.isInteger(clients) || clients < 1) {
  console.error('用法：npx tsx scripts/crash-storm.ts [--rounds 轮数] [--clients 并发客户端数]');
  process.exit(2);
}
const started = Date.now();
const r = await crashStorm({ rounds, clients, log: (line) => console.log(line) });
console.log(
  `崩溃测试：${r.rounds} 轮（每轮 SIGKILL），确认写入 ${r.acknowledged} 次，丢失 ${r.lost.length} 次，` +
    `完整性检查失败 ${r.corrupt.length} 轮，被中断的请求 ${r.cutOff} 个，其他异常答复 ${r.unexpected.length} 个，` +
    `用时 ${Math.round((Date.now() - started) / 1000)} 秒。`,
);
for (const line of [...r.lost, ...r.corrupt, ...r.unexpected].slice(0, 20)) console.log(`  ${line}`);
process.exit(r.lost.length + r.corrupt.length + r.unexpected.length > 0 || r.rounds < rounds ? 1 : 0);
