/** The built-in scoring profiles, validated once at load, and lookup by id. */
import hubei from './data/hubei-2020.json' with { type: 'json' };
import national from './data/national-2020.json' with { type: 'json' };
import sichuan from './data/sichuan-2023.json' with { type: 'json' };
import { type Profile, profileSchema } from './schema.ts';

const builtIn: Profile[] = [hubei, national, sichuan].map((p) => profileSchema.parse(p));
const byId = new Map(builtIn.map((p) => [p.id, p]));

export const DEFAULT_PROFILE_ID = 'national-2020';

export function listProfiles(): Profile[] {
  return [...builtIn];
}

export function getProfile(id: string): Profile | undefined {
  return byId.get(id);
}

/**
 * The profile an evaluation is scored by: the one asked for, else the one it names, else the
 * national default. An unknown id is an error the caller reports, never a silent fallback.
 */
export function resolveProfile(
  requested: string | null | undefined,
  named: string | null | undefined,
): { profile: Profile } | { error: string } {
  const id = requested ?? named ?? DEFAULT_PROFILE_ID;
  const profile = byId.get(id);
  if (!profile) {
    return { error: `未知的评分规则“${id}”，可用：${builtIn.map((p) => p.id).join('、')}。` };
  }
  return { profile };
}

/** Validates a profile given as data (a region's own file). */
export function parseProfile(json: unknown): { ok: true; profile: Profile } | { ok: false; message: string } {
  const r = profileSchema.safeParse(json);
  if (r.success) return { ok: true, profile: r.data };
  const msg = r.error.issues.map((i) => `${i.path.join('.') || '(根)'}：${i.message}`).join('；');
  return { ok: false, message: `评分规则文件无效：${msg}` };
}
