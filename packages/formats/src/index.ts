/** @jixiao/formats — readers into Grids, the importer, and the writers of every export format. */
export * from './extract/compare.ts';
export * from './extract/index.ts';
export * from './grid.ts';
export * from './import.ts';
export * from './layout/index.ts';
export * from './read/index.ts';
export * from './report/audit.ts';
export * from './write/index.ts';
