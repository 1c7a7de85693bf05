/**
 * The migrations, in order. They are imported as modules (not found on disk at run time) so
 * they work the same under tsx, vitest and any bundler. Add a new file and list it here; never
 * edit one that has shipped.
 */
import type { Kysely } from 'kysely';
import type { MigrationContext } from '../dialect.ts';
import * as m0001 from './0001-initial.ts';
import * as m0002 from './0002-jobs.ts';
import * as m0003 from './0003-reported-totals.ts';
import * as m0004 from './0004-findings-by-code.ts';
import * as m0005 from './0005-deadlines.ts';
import * as m0006 from './0006-read-speed.ts';
import * as m0007 from './0007-change-stripes.ts';
import * as m0008 from './0008-list-by-unit-name.ts';

export interface MigrationModule {
  // biome-ignore lint/suspicious/noExplicitAny: migrations see the schema of their time
  up(db: Kysely<any>, ctx: MigrationContext): Promise<void>;
  // biome-ignore lint/suspicious/noExplicitAny: see up
  down?(db: Kysely<any>, ctx: MigrationContext): Promise<void>;
}

export const MIGRATIONS: Record<string, MigrationModule> = {
  '0001-initial': m0001,
  '0002-jobs': m0002,
  '0003-reported-totals': m0003,
  '0004-findings-by-code': m0004,
  '0005-deadlines': m0005,
  '0006-read-speed': m0006,
  '0007-change-stripes': m0007,
  '0008-list-by-unit-name': m0008,
};
