/**
 * What a database holds, reduced to checksums that compare equal across SQLite and PostgreSQL
 * when the data is the same: a checksum of every evaluation version, and per data table its
 * row count and a checksum of all its rows (JSON by meaning, bytes as hex, rows by key).
 */
import { createHash } from 'node:crypto';
import type { Kysely } from 'kysely';
import { DATA_TABLES } from '../store/backup.ts';
import type { DB } from '../store/schema.ts';

export interface Fingerprint {
  /** `evaluationId@version` → sha-256 of the version (document, score, total, grade, author, time) */
  versions: Record<string, string>;
  tables: Record<string, { count: number; sha256: string }>;
}

/** JSON with keys in order, so that jsonb's reordering does not count as a change. */
export function canonicalJson(value: unknown): string {
  if (Array.isArray(value)) return `[${value.map(canonicalJson).join(',')}]`;
  if (value !== null && typeof value === 'object') {
    const entries = Object.entries(value as Record<string, unknown>).sort(([a], [b]) =>
      a < b ? -1 : a > b ? 1 : 0,
    );
    return `{${entries.map(([k, v]) => `${JSON.stringify(k)}:${canonicalJson(v)}`).join(',')}}`;
  }
  return JSON.stringify(value);
}

function sha256(text: string): string {
  return createHash('sha256').update(text).digest('hex');
}

export async function fingerprint(db: Kysely<DB>): Promise<Fingerprint> {
  // biome-ignore lint/suspicious/noExplicitAny: tables named at run time
  const loose = db as unknown as Kysely<any>;
  const tables: Fingerprint['tables'] = {};
  const versions: Fingerprint['versions'] = {};
  // a database at an older schema lacks the newer tables: they count as empty, as a restore makes them
  const present = new Set((await db.introspection.getTables()).map((t) => t.name));
  for (const t of DATA_TABLES) {
    const rows: Record<string, unknown>[] = present.has(t.name)
      ? await loose.selectFrom(t.name).selectAll().execute()
      : [];
    const normal = rows.map((row) => {
      const out: Record<string, unknown> = {};
      for (const [k, v] of Object.entries(row)) {
        if (v instanceof Uint8Array) out[k] = `hex:${Buffer.from(v).toString('hex')}`;
        else if (t.json.includes(k) && typeof v === 'string') out[k] = JSON.parse(v);
        else out[k] = v;
      }
      return out;
    });
    // The same order on both databases (their collations differ).
    const keyOf = (r: Record<string, unknown>) => String(r[t.key]).padStart(t.serial ? 20 : 0, '0');
    normal.sort((a, b) => (keyOf(a) < keyOf(b) ? -1 : keyOf(a) > keyOf(b) ? 1 : 0));
    tables[t.name] = { count: normal.length, sha256: sha256(normal.map(canonicalJson).join('\n')) };
    if (t.name === 'evaluation_versions') {
      for (const v of normal) {
        versions[`${String(v.evaluation_id)}@${String(v.version)}`] = sha256(
          canonicalJson({
            document: v.document,
            score: v.score,
            total: v.total,
            grade: v.grade,
            createdBy: v.created_by,
            createdAt: v.created_at,
          }),
        );
      }
    }
  }
  return { versions, tables };
}
