/**
 * The one way the pages talk to the server: JSON over fetch with the session cookie, the
 * session's CSRF token on every write, and the server's error shape turned into an `ApiError`
 * whose message is the server's Chinese message (what was wrong and what to do).
 */

export interface ApiErrorBody {
  code: string;
  message: string;
  path?: string;
  [detail: string]: unknown;
}

export interface ApiError extends Error {
  status: number;
  code: string;
  path?: string;
  body: ApiErrorBody;
  /** the response's ETag, e.g. on a stale save (409) */
  etag: string | null;
  /** the parsed JSON when it is not the error shape, e.g. an import's per-file report on 422 */
  data?: unknown;
}

export function isApiError(e: unknown): e is ApiError {
  return e instanceof Error && typeof (e as Partial<ApiError>).status === 'number';
}

let csrfToken: string | null = null;

/** Set by the session after login or `GET /api/me`. */
export function setCsrfToken(token: string | null): void {
  csrfToken = token;
}

/** Called on any 401 so the app can go back to the login page. */
let onUnauthenticated: (() => void) | null = null;
export function setUnauthenticatedHandler(handler: (() => void) | null): void {
  onUnauthenticated = handler;
}

export interface RequestOptions {
  method?: 'GET' | 'POST' | 'PUT' | 'DELETE';
  body?: unknown;
  /** multipart uploads */
  form?: FormData;
  headers?: Record<string, string>;
  query?: Record<string, string | number | boolean | null | undefined>;
  signal?: AbortSignal;
}

export interface ApiResponse<T> {
  data: T;
  status: number;
  etag: string | null;
}

export function withQuery(path: string, query?: RequestOptions['query']): string {
  if (!query) return path;
  const params = new URLSearchParams();
  for (const [k, v] of Object.entries(query)) {
    if (v === undefined || v === null || v === '') continue;
    params.set(k, String(v));
  }
  const s = params.toString();
  return s ? `${path}?${s}` : path;
}

async function errorFrom(response: Response): Promise<ApiError> {
  let body: ApiErrorBody = {
    code: 'http-error',
    message: `服务器返回错误（${response.status}），请稍后重试。`,
  };
  let data: unknown;
  try {
    const json = (await response.json()) as { error?: ApiErrorBody };
    if (json?.error?.message) body = json.error;
    else data = json;
  } catch {
    // not JSON (a proxy's error page): keep the generic message
  }
  const error = new Error(body.message) as ApiError;
  error.status = response.status;
  error.code = body.code;
  if (body.path !== undefined) error.path = body.path;
  error.body = body;
  error.etag = response.headers.get('ETag');
  if (data !== undefined) error.data = data;
  return error;
}

export async function request<T>(path: string, options: RequestOptions = {}): Promise<ApiResponse<T>> {
  const method = options.method ?? 'GET';
  const headers: Record<string, string> = { Accept: 'application/json', ...options.headers };
  let body: BodyInit | undefined;
  if (options.form) body = options.form;
  else if (options.body !== undefined) {
    headers['Content-Type'] = 'application/json';
    body = JSON.stringify(options.body);
  }
  if (method !== 'GET' && csrfToken) headers['X-CSRF-Token'] = csrfToken;
  let response: Response;
  try {
    response = await fetch(withQuery(path, options.query), {
      method,
      headers,
      body,
      credentials: 'same-origin',
      signal: options.signal,
    });
  } catch (e) {
    if ((e as Error).name === 'AbortError') throw e;
    const error = new Error('无法连接服务器，请检查网络后重试。') as ApiError;
    error.status = 0;
    error.code = 'network';
    error.body = { code: 'network', message: error.message };
    error.etag = null;
    throw error;
  }
  if (!response.ok) {
    const error = await errorFrom(response);
    if (response.status === 401 && error.code === 'unauthenticated') onUnauthenticated?.();
    throw error;
  }
  const etag = response.headers.get('ETag');
  if (response.status === 204) return { data: undefined as T, status: 204, etag };
  const type = response.headers.get('Content-Type') ?? '';
  const data = (type.includes('json') ? await response.json() : await response.text()) as T;
  return { data, status: response.status, etag };
}

export const api = {
  get: async <T>(path: string, query?: RequestOptions['query']): Promise<T> =>
    (await request<T>(path, { query })).data,
  post: async <T>(path: string, body?: unknown, query?: RequestOptions['query']): Promise<T> =>
    (await request<T>(path, { method: 'POST', body, query })).data,
  put: async <T>(path: string, body?: unknown, headers?: Record<string, string>): Promise<ApiResponse<T>> =>
    request<T>(path, { method: 'PUT', body, headers }),
  del: async <T>(path: string): Promise<T> => (await request<T>(path, { method: 'DELETE' })).data,
  upload: async <T>(path: string, form: FormData, query?: RequestOptions['query']): Promise<ApiResponse<T>> =>
    request<T>(path, { method: 'POST', form, query }),
};

/** A download link for an export; the browser sends the cookie, no token is needed for GET. */
export function exportHref(id: string, format: string): string {
  return `/api/evaluations/${encodeURIComponent(id)}/export?format=${encodeURIComponent(format)}`;
}
