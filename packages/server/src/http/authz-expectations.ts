/**
 * The authorization matrix as data: for every route of the API, what a request answers for
 * each kind of caller, on a form (or unit) of the caller's own unit and of another unit.
 * authz-matrix.test.ts runs every cell against a real server; a route in ROUTES without an
 * entry here fails that test, so a new endpoint cannot ship without saying who may call it.
 *
 * The caller's unit is unit A: "own" puts the thing acted on in unit A, "other" in unit B.
 * Admin and reviewer belong to no unit; for them own/other only moves the thing.
 * The statuses are written out by hand from docs/api.md and the policies, not computed from
 * the policy code, so a change to a policy shows up here as a failing cell.
 */

export const MATRIX_ROLES = ['anonymous', 'admin', 'reviewer', 'approver', 'filler'] as const;
export type MatrixRole = (typeof MATRIX_ROLES)[number];
export const SCOPES = ['own', 'other'] as const;
export type Scope = (typeof SCOPES)[number];

/** What exists before the request, in the scope's unit. */
export type Fixture =
  | 'none'
  | 'draft'
  | 'submitted'
  | 'approved'
  | 'accepted'
  | 'published'
  | 'targets-draft'
  | 'targets-declared'
  | 'targets-approved'
  | 'attachment'
  | 'adjustment';

export interface FixtureIds {
  /** the scope's unit */
  unitId: string;
  /** the form (or attachment, adjustment) made by the fixture */
  id: string;
  /** a value unique to this cell, for names that must not repeat */
  unique: string;
  /** the canonical JSON the form was made from */
  document: unknown;
  /** the same with its goals changed, as a target adjustment would ask */
  adjusted: unknown;
}

export interface MatrixRequest {
  path: string;
  json?: unknown;
  /** multipart: one file in field `field` */
  file?: { field: string; name: string; content: string };
  headers?: Record<string, string>;
}

/** A status for every scope, or per scope. */
export type Expected = number | { own: number; other: number };

export interface RouteExpectation {
  fixture: Fixture;
  request(ids: FixtureIds): MatrixRequest;
  expect: Record<MatrixRole, Expected>;
  /** the request ends the caller's session (logout): it gets a session of its own */
  ownSession?: boolean;
  /** why a cell is what it is, where that is not obvious */
  note?: string;
}

const EVAL = (ids: FixtureIds) => `/api/evaluations/${ids.id}`;

/** Readable by admin and reviewer everywhere, by the unit's people in their unit only. */
const READ: Record<MatrixRole, Expected> = {
  anonymous: 401,
  admin: 200,
  reviewer: 200,
  approver: { own: 200, other: 404 },
  filler: { own: 200, other: 404 },
};

/** Anyone signed in, wherever. */
const SIGNED_IN = (ok: number): Record<MatrixRole, Expected> => ({
  anonymous: 401,
  admin: ok,
  reviewer: ok,
  approver: ok,
  filler: ok,
});

const PUBLIC = (ok: number): Record<MatrixRole, Expected> => ({
  anonymous: ok,
  admin: ok,
  reviewer: ok,
  approver: ok,
  filler: ok,
});

const ADMIN_ONLY = (ok: number): Record<MatrixRole, Expected> => ({
  anonymous: 401,
  admin: ok,
  reviewer: 403,
  approver: 403,
  filler: 403,
});

/** A step only the reviewer takes (accept, publish, approve targets, decide adjustments). */
const REVIEWER_STEP: Record<MatrixRole, Expected> = {
  anonymous: 401,
  admin: 403,
  reviewer: 200,
  approver: { own: 403, other: 404 },
  filler: { own: 403, other: 404 },
};

/** What the unit's people do to their own forms: save, comment, declare targets … */
const UNIT_PEOPLE = (ok: number, reviewer: number): Record<MatrixRole, Expected> => ({
  anonymous: 401,
  admin: 403,
  reviewer,
  approver: { own: ok, other: 404 },
  filler: { own: ok, other: 404 },
});

const SAMPLE_CSV = '项目名称,测试项目\n年度,2023\n';

export const AUTHZ_EXPECTATIONS: Record<string, RouteExpectation> = {
  // ---------------------------------------------------------------- signing in
  'POST /api/auth/login': {
    fixture: 'none',
    request: () => ({
      path: '/api/auth/login',
      json: { username: 'matrix-login', password: 'test-password-1' },
    }),
    expect: PUBLIC(200),
    note: 'signs in as a separate account; the caller’s own session is untouched',
  },
  'POST /api/auth/logout': {
    fixture: 'none',
    request: () => ({ path: '/api/auth/logout' }),
    expect: SIGNED_IN(204),
    ownSession: true,
  },
  'GET /api/me': { fixture: 'none', request: () => ({ path: '/api/me' }), expect: SIGNED_IN(200) },

  // ---------------------------------------------------------------- forms
  'GET /api/evaluations': {
    fixture: 'draft',
    request: () => ({ path: '/api/evaluations' }),
    expect: SIGNED_IN(200),
    note: 'the list is scoped, not refused: unit people see only their unit (api.test.ts checks what)',
  },
  'POST /api/evaluations': {
    fixture: 'none',
    request: (ids) => ({ path: `/api/evaluations?unit=${ids.unitId}`, json: ids.document }),
    expect: {
      anonymous: 401,
      admin: 403,
      reviewer: 201,
      approver: { own: 201, other: 403 },
      filler: { own: 201, other: 403 },
    },
  },
  'GET /api/evaluations/:id': { fixture: 'draft', request: (ids) => ({ path: EVAL(ids) }), expect: READ },
  'PUT /api/evaluations/:id': {
    fixture: 'draft',
    request: (ids) => ({ path: EVAL(ids), json: ids.document, headers: { 'if-match': '"v1"' } }),
    expect: UNIT_PEOPLE(200, 403),
  },
  'DELETE /api/evaluations/:id': {
    fixture: 'draft',
    request: (ids) => ({ path: EVAL(ids) }),
    expect: UNIT_PEOPLE(204, 403),
  },
  'POST /api/evaluations/:id/submit': {
    fixture: 'draft',
    request: (ids) => ({ path: `${EVAL(ids)}/submit` }),
    expect: {
      anonymous: 401,
      admin: 403,
      reviewer: 403,
      approver: { own: 403, other: 404 },
      filler: { own: 200, other: 404 },
    },
  },
  'POST /api/evaluations/:id/approve': {
    fixture: 'submitted',
    request: (ids) => ({ path: `${EVAL(ids)}/approve` }),
    expect: {
      anonymous: 401,
      admin: 403,
      reviewer: 403,
      approver: { own: 200, other: 404 },
      filler: { own: 403, other: 404 },
    },
  },
  'POST /api/evaluations/:id/accept': {
    fixture: 'approved',
    request: (ids) => ({ path: `${EVAL(ids)}/accept` }),
    expect: REVIEWER_STEP,
  },
  'POST /api/evaluations/:id/publish': {
    fixture: 'accepted',
    request: (ids) => ({ path: `${EVAL(ids)}/publish` }),
    expect: REVIEWER_STEP,
  },
  'POST /api/evaluations/:id/declare': {
    fixture: 'targets-draft',
    request: (ids) => ({ path: `${EVAL(ids)}/declare` }),
    expect: UNIT_PEOPLE(200, 403),
  },
  'POST /api/evaluations/:id/approve-targets': {
    fixture: 'targets-declared',
    request: (ids) => ({ path: `${EVAL(ids)}/approve-targets` }),
    expect: REVIEWER_STEP,
  },
  'POST /api/evaluations/:id/return': {
    fixture: 'submitted',
    request: (ids) => ({ path: `${EVAL(ids)}/return`, json: { reason: '请补充说明。' } }),
    expect: {
      anonymous: 401,
      admin: 403,
      reviewer: 409,
      approver: { own: 200, other: 404 },
      filler: { own: 403, other: 404 },
    },
    note: 'the reviewer may return a form only once it has left the unit (approved or later): 409 on a submitted one',
  },
  'GET /api/evaluations/:id/versions': {
    fixture: 'draft',
    request: (ids) => ({ path: `${EVAL(ids)}/versions` }),
    expect: READ,
  },
  'GET /api/evaluations/:id/versions/:version': {
    fixture: 'draft',
    request: (ids) => ({ path: `${EVAL(ids)}/versions/1` }),
    expect: READ,
  },
  'GET /api/evaluations/:id/diff': {
    fixture: 'draft',
    request: (ids) => ({ path: `${EVAL(ids)}/diff?from=1&to=1` }),
    expect: READ,
  },
  'GET /api/evaluations/:id/audit': {
    fixture: 'draft',
    request: (ids) => ({ path: `${EVAL(ids)}/audit` }),
    expect: READ,
  },
  'GET /api/evaluations/:id/export': {
    fixture: 'draft',
    request: (ids) => ({ path: `${EVAL(ids)}/export?format=json` }),
    expect: READ,
  },
  'POST /api/evaluations/import': {
    fixture: 'none',
    request: (ids) => ({
      path: `/api/evaluations/import?unit=${ids.unitId}`,
      file: { field: 'file', name: 'form.csv', content: SAMPLE_CSV },
    }),
    expect: {
      anonymous: 401,
      admin: 422,
      reviewer: 422,
      approver: 422,
      filler: 422,
    },
    note:
      'import answers per form inside a 201/422 (a refused form is one outcome among several): ' +
      'the file holds no form, so everyone signed in gets 422; who may create where is the ' +
      'POST /api/evaluations row, and api.test.ts checks import into another unit is refused',
  },

  // ---------------------------------------------------------------- comments, attachments, adjustments
  'GET /api/evaluations/:id/comments': {
    fixture: 'draft',
    request: (ids) => ({ path: `${EVAL(ids)}/comments` }),
    expect: READ,
  },
  'POST /api/evaluations/:id/comments': {
    fixture: 'draft',
    request: (ids) => ({ path: `${EVAL(ids)}/comments`, json: { body: '请核对。' } }),
    expect: UNIT_PEOPLE(201, 201),
  },
  'GET /api/evaluations/:id/attachments': {
    fixture: 'draft',
    request: (ids) => ({ path: `${EVAL(ids)}/attachments` }),
    expect: READ,
  },
  'POST /api/evaluations/:id/attachments': {
    fixture: 'draft',
    request: (ids) => ({
      path: `${EVAL(ids)}/attachments`,
      file: { field: 'file', name: '证明材料.txt', content: '证明' },
    }),
    expect: UNIT_PEOPLE(201, 201),
  },
  'GET /api/attachments/:id': {
    fixture: 'attachment',
    request: (ids) => ({ path: `/api/attachments/${ids.id}` }),
    expect: READ,
  },
  'GET /api/evaluations/:id/adjustments': {
    fixture: 'targets-approved',
    request: (ids) => ({ path: `${EVAL(ids)}/adjustments` }),
    expect: READ,
  },
  'POST /api/evaluations/:id/adjustments': {
    fixture: 'targets-approved',
    request: (ids) => ({
      path: `${EVAL(ids)}/adjustments`,
      json: { reason: '年中调整。', document: ids.adjusted },
    }),
    expect: UNIT_PEOPLE(201, 403),
  },
  'POST /api/adjustments/:id/approve': {
    fixture: 'adjustment',
    request: (ids) => ({ path: `/api/adjustments/${ids.id}/approve`, json: {} }),
    expect: REVIEWER_STEP,
  },
  'POST /api/adjustments/:id/reject': {
    fixture: 'adjustment',
    request: (ids) => ({ path: `/api/adjustments/${ids.id}/reject`, json: { note: '理由不足。' } }),
    expect: REVIEWER_STEP,
  },

  // ---------------------------------------------------------------- overview and public
  'GET /api/dashboard': {
    fixture: 'none',
    request: () => ({ path: '/api/dashboard' }),
    expect: SIGNED_IN(200),
  },
  'GET /api/dashboard/points': {
    fixture: 'none',
    request: () => ({ path: '/api/dashboard/points' }),
    expect: SIGNED_IN(200),
  },
  'GET /api/public/evaluations': {
    fixture: 'published',
    request: () => ({ path: '/api/public/evaluations' }),
    expect: PUBLIC(200),
  },
  'GET /api/public/evaluations/:id': {
    fixture: 'published',
    request: (ids) => ({ path: `/api/public/evaluations/${ids.id}` }),
    expect: PUBLIC(200),
  },

  // ---------------------------------------------------------------- units, users, audit
  'GET /api/units': { fixture: 'none', request: () => ({ path: '/api/units' }), expect: SIGNED_IN(200) },
  'POST /api/units': {
    fixture: 'none',
    request: (ids) => ({ path: '/api/units', json: { name: `矩阵单位-${ids.unique}` } }),
    expect: ADMIN_ONLY(201),
  },
  'GET /api/users': {
    fixture: 'none',
    request: (ids) => ({ path: `/api/users?unit=${ids.unitId}` }),
    expect: ADMIN_ONLY(200),
  },
  'POST /api/users': {
    fixture: 'none',
    request: (ids) => ({
      path: '/api/users',
      json: {
        username: `m-${ids.unique}`,
        password: 'matrix-password-1',
        role: 'filler',
        unitId: ids.unitId,
      },
    }),
    expect: ADMIN_ONLY(201),
  },
  'GET /api/audit': { fixture: 'none', request: () => ({ path: '/api/audit' }), expect: ADMIN_ONLY(200) },

  // ---------------------------------------------------------------- regions and profiles
  'GET /api/profiles': { fixture: 'none', request: () => ({ path: '/api/profiles' }), expect: PUBLIC(200) },
  'GET /api/profiles/:id': {
    fixture: 'none',
    request: () => ({ path: '/api/profiles/national-2020' }),
    expect: PUBLIC(200),
  },
  'POST /api/profiles': {
    fixture: 'none',
    request: (ids) => ({ path: '/api/profiles', json: { id: `matrix-${ids.unique}` } }),
    expect: { anonymous: 401, admin: 422, reviewer: 403, approver: 403, filler: 403 },
    note: 'the admin’s body is an incomplete profile (422): the refusal of everyone else comes first',
  },
  'GET /api/regions': { fixture: 'none', request: () => ({ path: '/api/regions' }), expect: SIGNED_IN(200) },
  'POST /api/regions': {
    fixture: 'none',
    request: (ids) => ({
      path: '/api/regions',
      json: { name: `矩阵地区-${ids.unique}`, profileId: 'national-2020' },
    }),
    expect: ADMIN_ONLY(201),
  },
  'PUT /api/units/:id/region': {
    fixture: 'none',
    request: (ids) => ({ path: `/api/units/${ids.unitId}/region`, json: { regionId: null } }),
    expect: ADMIN_ONLY(200),
  },
  // ---------------------------------------------------------------- deadlines
  'GET /api/deadlines': {
    fixture: 'none',
    request: () => ({ path: '/api/deadlines?year=2023' }),
    expect: SIGNED_IN(200),
  },
  'PUT /api/deadlines/:year/:stage': {
    fixture: 'none',
    request: () => ({ path: '/api/deadlines/2023/self-evaluation', json: { due: '2024-04-30' } }),
    expect: { anonymous: 401, admin: 200, reviewer: 200, approver: 403, filler: 403 },
  },
};
