export * from './check.ts';
export * from './place.ts';
export * from './registry.ts';
export * from './suggest.ts';
export * from './types.ts';
