/**
 * Test helpers other packages' tests use against a real database (`@jixiao/server/testing`):
 * fresh SQLite and PostgreSQL databases, people and forms, checksums of what a database holds.
 */
export * from './databases.ts';
export * from './fingerprint.ts';
export * from './fixtures.ts';
export * from './server-process.ts';
