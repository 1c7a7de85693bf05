/** @jixiao/formats — readers into Grids, the importer, and the writers of every export format. */
export * from './grid.ts';
export * from './import.ts';
export * from './read/index.ts';
export * from './report/audit.ts';
