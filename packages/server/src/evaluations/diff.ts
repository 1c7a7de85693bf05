/**
 * What changed between two versions of a document, field by field, with paths in the shape
 * core uses for findings (`indicators[3].target.raw`). Arrays are compared by position, which
 * is how the forms number their rows.
 */

export interface Change {
  path: string;
  /** undefined when the field was added */
  before?: unknown;
  /** undefined when the field was removed */
  after?: unknown;
}

function isObject(v: unknown): v is Record<string, unknown> {
  return v !== null && typeof v === 'object' && !Array.isArray(v);
}

function join(path: string, key: string | number): string {
  if (typeof key === 'number') return `${path}[${key}]`;
  return path === '' ? key : `${path}.${key}`;
}

export function diffDocuments(before: unknown, after: unknown, path = ''): Change[] {
  if (Array.isArray(before) && Array.isArray(after)) {
    const out: Change[] = [];
    const n = Math.max(before.length, after.length);
    for (let i = 0; i < n; i++) {
      if (i >= before.length) out.push({ path: join(path, i), after: after[i] });
      else if (i >= after.length) out.push({ path: join(path, i), before: before[i] });
      else out.push(...diffDocuments(before[i], after[i], join(path, i)));
    }
    return out;
  }
  if (isObject(before) && isObject(after)) {
    const out: Change[] = [];
    const keys = new Set([...Object.keys(before), ...Object.keys(after)]);
    for (const key of keys) {
      const inBefore = key in before && before[key] !== undefined;
      const inAfter = key in after && after[key] !== undefined;
      if (inBefore && !inAfter) out.push({ path: join(path, key), before: before[key] });
      else if (!inBefore && inAfter) out.push({ path: join(path, key), after: after[key] });
      else if (inBefore && inAfter) out.push(...diffDocuments(before[key], after[key], join(path, key)));
    }
    return out;
  }
  if (Object.is(before, after)) return [];
  return [{ path, before, after }];
}

/** The changes as two maps, for an audit event's before and after. */
export function changeMaps(changes: readonly Change[]): {
  before: Record<string, unknown>;
  after: Record<string, unknown>;
} {
  const before: Record<string, unknown> = {};
  const after: Record<string, unknown> = {};
  for (const c of changes) {
    before[c.path] = c.before === undefined ? null : c.before;
    after[c.path] = c.after === undefined ? null : c.after;
  }
  return { before, after };
}

/** The value at a path such as `indicators[3].target`, or undefined when there is none. */
export function valueAtPath(doc: unknown, path: string): unknown {
  if (path === '') return doc;
  const parts = path.match(/[^.[\]]+|\[\d+\]/g);
  if (!parts) return undefined;
  let cur: unknown = doc;
  let consumed = '';
  for (const part of parts) {
    if (cur === null || typeof cur !== 'object') return undefined;
    if (part.startsWith('[')) {
      const i = Number(part.slice(1, -1));
      if (!Array.isArray(cur)) return undefined;
      cur = cur[i];
      consumed += part;
    } else {
      if (Array.isArray(cur) || !Object.hasOwn(cur, part)) return undefined;
      cur = (cur as Record<string, unknown>)[part];
      consumed += consumed === '' ? part : `.${part}`;
    }
  }
  // Reject paths with stray characters the pattern skipped (`a..b`, `a[x]`).
  return consumed === path ? cur : undefined;
}
