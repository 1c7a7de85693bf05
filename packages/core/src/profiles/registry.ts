/**
 * The built-in scoring profiles, validated once at load, and lookup by id. Every profile, built in
 * or a region's own file, is loaded over the shared check defaults (data/check-defaults.json).
 */
import checkDefaults from './data/check-defaults.json' with { type: 'json' };
import hubei from './data/hubei-2020.json' with { type: 'json' };
import national from './data/national-2020.json' with { type: 'json' };
import sichuan from './data/sichuan-2023.json' with { type: 'json' };
import { type CheckSettings, checkSettingsSchema, type Profile, profileSchema } from './schema.ts';

/** A threshold the rules may read: exactly the names the defaults file gives a value. */
export type ThresholdName = keyof typeof checkDefaults.thresholds;

/** The check settings every profile starts from. */
export const CHECK_DEFAULTS: CheckSettings = checkSettingsSchema.parse(checkDefaults);

/**
 * `own` over `base`: a threshold, a rule's setting or a layout that `own` gives wins; stock
 * phrases are added to the base's. Loading a profile twice changes nothing.
 */
export function mergeCheckSettings(own: CheckSettings, base: CheckSettings = CHECK_DEFAULTS): CheckSettings {
  const rules: CheckSettings['rules'] = { ...base.rules };
  for (const [code, setting] of Object.entries(own.rules)) rules[code] = { ...rules[code], ...setting };
  return {
    rules,
    thresholds: { ...base.thresholds, ...own.thresholds },
    boilerplate: [...new Set([...base.boilerplate, ...own.boilerplate])],
    layouts: { ...base.layouts, ...own.layouts },
  };
}

function load(parsed: Profile): Profile {
  return { ...parsed, checks: mergeCheckSettings(parsed.checks) };
}

const builtIn: Profile[] = [hubei, national, sichuan].map((p) => load(profileSchema.parse(p)));
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

/** Validates a profile given as data (a region's own file) and loads it over the check defaults. */
export function parseProfile(json: unknown): { ok: true; profile: Profile } | { ok: false; message: string } {
  const r = profileSchema.safeParse(json);
  if (r.success) return { ok: true, profile: load(r.data) };
  const msg = r.error.issues.map((i) => `${i.path.join('.') || '(根)'}：${i.message}`).join('；');
  return { ok: false, message: `评分规则文件无效：${msg}` };
}
