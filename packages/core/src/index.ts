/**
 * @jixiao/core — the pure domain: the canonical model, values, taxonomy, scoring profiles,
 * the scoring engine and the review checks. No I/O: it runs in Node and in the browser.
 */

export * from './checks/index.ts';
export * from './decimal/decimal.ts';
export * from './model/evaluation.ts';
export * from './model/validate.ts';
export * from './profiles/registry.ts';
export * from './profiles/schema.ts';
export * from './scoring/score.ts';
export * from './scoring/types.ts';
export * from './taxonomy/index.ts';
export * from './values/index.ts';
