/**
 * @jixiao/server — the multi-unit service: the store (Kysely over SQLite or PostgreSQL), the
 * commands of the workflow, the policies, the HTTP API and the demo data.
 */

export { acceptEvaluation } from './commands/acceptEvaluation.ts';
export { addAttachment } from './commands/addAttachment.ts';
export { addComment } from './commands/addComment.ts';
export { approveAdjustment } from './commands/approveAdjustment.ts';
export { approveEvaluation } from './commands/approveEvaluation.ts';
export { approveTargets } from './commands/approveTargets.ts';
export { CONSOLE_USERNAME, consoleActor } from './commands/consoleActor.ts';
export { createEvaluation } from './commands/createEvaluation.ts';
export { createUnit } from './commands/createUnit.ts';
export { createUser, createUserUnchecked } from './commands/createUser.ts';
export { declareTargets } from './commands/declareTargets.ts';
export { logIn } from './commands/logIn.ts';
export { logOut } from './commands/logOut.ts';
export { isRefusal, type Problem, type ProblemKind, type Refusal } from './commands/problem.ts';
export { publishEvaluation } from './commands/publishEvaluation.ts';
export { rejectAdjustment } from './commands/rejectAdjustment.ts';
export { requestAdjustment } from './commands/requestAdjustment.ts';
export { returnEvaluation } from './commands/returnEvaluation.ts';
export { saveEvaluation } from './commands/saveEvaluation.ts';
export { submitEvaluation } from './commands/submitEvaluation.ts';
export { DEMO_PASSWORD, type DemoAccount, isEmptyDatabase, loadDemo } from './demo/load.ts';
export * from './domain.ts';
export { openApiDocument } from './http/openapi.ts';
export { type BuildServerOptions, buildServer, ROUTES } from './http/server.ts';
export { BUILT_IN_JOBS, builtInJobs } from './jobs/builtin.ts';
export {
  DEFAULT_POLL_MS,
  enqueueJob,
  type JobHandler,
  type JobOutcome,
  type JobRunner,
  type JobSet,
  runDueJobs,
  scheduleRecurring,
  startJobRunner,
} from './jobs/runner.ts';
export { type RunningService, type ServeOptions, serve, serveOptionsFromEnv } from './main.ts';
export {
  type BackupFormat,
  type BackupReport,
  backupDatabase,
  DATA_TABLES,
  OPERATIONAL_TABLES,
  type RestoreOptions,
  type RestoreReport,
  restoreDatabase,
} from './store/backup.ts';
export {
  type DatabaseConfig,
  DEFAULT_DB_PATH,
  databaseConfig,
  knownMigrations,
  migrateToLatest,
  migrationStatus,
  type OpenOptions,
  openDatabase,
  redactUrl,
  type Store,
} from './store/database.ts';
export { type EvaluationRecord, findEvaluation } from './store/repos/evaluations.ts';
export { findUnit, findUnitByName, type Unit } from './store/repos/units.ts';
export { findUserByUsername } from './store/repos/users.ts';
export { findVersion } from './store/repos/versions.ts';
export type { DB, Db } from './store/schema.ts';
