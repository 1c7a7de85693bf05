/**
 * A refusal: what a command says when the actor, the input or the state does not allow it.
 * It carries a stable code for programs and a Chinese message a person can act on; the HTTP
 * layer turns its kind into a status code. Thrown, so a refusal inside a transaction rolls back.
 */
import type { Decision } from '../policies/decision.ts';

export const PROBLEM_KINDS = [
  /** the request itself is malformed: bad JSON, a parameter of the wrong type */
  'bad-request',
  /** well-formed, but the content is not acceptable */
  'invalid',
  'unauthenticated',
  'forbidden',
  'not-found',
  'state',
  'conflict',
  'too-large',
  'rate-limited',
  /** a write that must say which version it edited did not (If-Match) */
  'precondition-required',
  /** a feature this installation does not have */
  'unavailable',
] as const;
export type ProblemKind = (typeof PROBLEM_KINDS)[number];

export interface Problem {
  kind: ProblemKind;
  code: string;
  message: string;
  /** where in the input, when one field is at fault (`indicators[3].target`) */
  path?: string;
  /** more for programs: the current version on a conflict, every validation error … */
  details?: Record<string, unknown>;
}

export type Refusal = Error & { problem: Problem };

export function refusal(problem: Problem): Refusal {
  return Object.assign(new Error(problem.message), { name: 'Refusal', problem });
}

export function refuse(
  kind: ProblemKind,
  code: string,
  message: string,
  extra: { path?: string; details?: Record<string, unknown> } = {},
): never {
  throw refusal({ kind, code, message, ...extra });
}

export function isRefusal(e: unknown): e is Refusal {
  return e instanceof Error && 'problem' in e && typeof (e as Refusal).problem?.code === 'string';
}

const DECISION_CODES = {
  'not-found': 'not-found',
  unauthenticated: 'unauthenticated',
  forbidden: 'forbidden',
  state: 'wrong-status',
} as const;

/** Throws the refusal a policy decision describes; returns when it allows. */
export function enforce(decision: Decision): void {
  if (decision.allowed) return;
  refuse(decision.kind, DECISION_CODES[decision.kind], decision.message);
}
