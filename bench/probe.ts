/**
 * A few costs of the machine itself, taken before the benchmarks: two machines that report the
 * same CPU name ("AMD EPYC", 2 cores) ran the same code's database, network and printing figures
 * 1.6 to 8 times apart and its pure JavaScript 23–45 % apart; on the slower one an fstat took
 * 2.7–4.9 µs (bench/profiling.md, eighth pass). With these in the results, a figure that moved
 * between two runs can be told apart from a machine that moved.
 */
import { closeSync, fstatSync, openSync, rmSync } from 'node:fs';
import { connect, createServer, type Socket } from 'node:net';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { median } from './stats.ts';

export interface MachineProbe {
  /** one fstat(2) of an open file, ns: the cost of entering and leaving the kernel */
  syscallNs: number;
  /** one 64-byte request and answer over TCP on 127.0.0.1, µs: what each database round trip and HTTP request pays at least */
  loopbackRoundTripUs: number;
  /** one step of a small integer loop, ns: the speed of plain JavaScript */
  jsStepNs: number;
}

const RUNS = 5;

function syscallNs(): number {
  const file = join(tmpdir(), `jixiao-probe-${process.pid}`);
  const fd = openSync(file, 'w');
  try {
    const calls = 20_000;
    const runs: number[] = [];
    for (let r = 0; r < RUNS; r++) {
      const t0 = process.hrtime.bigint();
      for (let i = 0; i < calls; i++) fstatSync(fd);
      runs.push(Number(process.hrtime.bigint() - t0) / calls);
    }
    return median(runs);
  } finally {
    closeSync(fd);
    rmSync(file, { force: true });
  }
}

function jsStepNs(): number {
  const steps = 20_000_000;
  const runs: number[] = [];
  let sink = 0;
  for (let r = 0; r < RUNS; r++) {
    const t0 = process.hrtime.bigint();
    let x = r;
    for (let i = 0; i < steps; i++) x = (x * 31 + i) | 0;
    sink ^= x;
    runs.push(Number(process.hrtime.bigint() - t0) / steps);
  }
  // the loop's result is used, so it is not optimised away
  if (sink === 0.5) console.error(sink);
  return median(runs);
}

/** Ping-pong of 64 bytes between a client and an echo server, both in this process. */
async function loopbackRoundTripUs(): Promise<number> {
  const server = createServer((s) => s.on('data', (d) => s.write(d)));
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const port = (server.address() as { port: number }).port;
  const client: Socket = connect(port, '127.0.0.1');
  client.setNoDelay(true);
  await new Promise<void>((resolve) => client.once('connect', resolve));
  const message = Buffer.alloc(64, 1);
  const trips = 2_000;
  const runs: number[] = [];
  try {
    for (let r = 0; r < RUNS; r++) {
      const t0 = process.hrtime.bigint();
      for (let i = 0; i < trips; i++) {
        // 64 bytes come back in one read on loopback; wait for all of them all the same
        let got = 0;
        await new Promise<void>((resolve) => {
          const onData = (d: Buffer) => {
            got += d.length;
            if (got >= message.length) {
              client.off('data', onData);
              resolve();
            }
          };
          client.on('data', onData);
          client.write(message);
        });
      }
      runs.push(Number(process.hrtime.bigint() - t0) / trips / 1000);
    }
  } finally {
    client.destroy();
    await new Promise<void>((resolve) => server.close(() => resolve()));
  }
  return median(runs);
}

export async function probeMachine(): Promise<MachineProbe> {
  return { syscallNs: syscallNs(), loopbackRoundTripUs: await loopbackRoundTripUs(), jsStepNs: jsStepNs() };
}
