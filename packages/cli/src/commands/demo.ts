/**
 * The main job until the web service exists: score and check the seed form (a real published
 * Hubei department form, shipped in examples/) and print what Jixiao finds.
 */
import { fileURLToPath } from 'node:url';
import type { Io } from '../main.ts';
import { runCheck } from './check.ts';
import { runScore } from './score.ts';

export const SEED_FILE = fileURLToPath(
  new URL('../../../../examples/seed-hubei-dept-2023.expected.json', import.meta.url),
);

export async function runDemo(io: Io): Promise<number> {
  io.out('Jixiao（绩效）演示：湖北省 2023 年度部门（单位）整体绩效自评表（光谷现代服务业园建设服务中心）\n');
  const scored = await runScore(SEED_FILE, {}, io);
  if (scored !== 0) return scored;
  io.out('\n——— 复核 ———\n');
  const checked = await runCheck([SEED_FILE], {}, io);
  // Finding errors in the seed is the demo working, not failing.
  return checked === 2 ? 2 : 0;
}
