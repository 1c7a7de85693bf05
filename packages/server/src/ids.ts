import { randomUUID } from 'node:crypto';

/** Ids are random UUIDs: nothing to guess or count from a URL. */
export function newId(): string {
  return randomUUID();
}
