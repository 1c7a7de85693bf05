/** Command tests that expect a refusal and look at what it says. */
import type { Problem } from '../commands/problem.ts';

/** Awaits a command that should be refused and returns its Problem; anything else fails the test. */
export async function refusal(p: Promise<unknown>): Promise<Problem> {
  try {
    await p;
  } catch (e) {
    if (e instanceof Error && 'problem' in e) return (e as Error & { problem: Problem }).problem;
    throw e;
  }
  throw new Error('expected a refusal, but the command succeeded');
}
