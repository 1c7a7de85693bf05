/**
 * The canonical JSON (domain.md §6): the one lossless export, which `jixiao import` and the API
 * read back unchanged. Two-space indented, UTF-8, with a final newline.
 */
import type { Evaluation } from '@jixiao/core';

export function writeJson(ev: Evaluation | readonly Evaluation[]): Uint8Array {
  return new TextEncoder().encode(`${JSON.stringify(ev, null, 2)}\n`);
}
