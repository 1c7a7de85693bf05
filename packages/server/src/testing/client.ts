/**
 * A small HTTP client for API tests that behaves like a browser on our own pages: it keeps the
 * session cookie, sends the CSRF token it was given with every write, and sends no Origin.
 */

// biome-ignore lint/suspicious/noExplicitAny: response bodies are read freely in tests
export type Json = any;

export interface ApiResponse {
  status: number;
  headers: Headers;
  body: Json;
  text: string;
}

export interface RequestOptions {
  json?: unknown;
  body?: BodyInit;
  headers?: Record<string, string>;
  /** false: leave out the CSRF token (to test that it is required) */
  csrf?: boolean;
}

export interface ApiClient {
  baseUrl: string;
  cookie: string | null;
  csrf: string | null;
  request(method: string, path: string, options?: RequestOptions): Promise<ApiResponse>;
  get(path: string, options?: RequestOptions): Promise<ApiResponse>;
  post(path: string, json?: unknown, options?: RequestOptions): Promise<ApiResponse>;
  put(path: string, json: unknown, options?: RequestOptions): Promise<ApiResponse>;
  login(username: string, password: string): Promise<ApiResponse>;
  logout(): Promise<ApiResponse>;
}

export function apiClient(baseUrl: string): ApiClient {
  const client: ApiClient = {
    baseUrl,
    cookie: null,
    csrf: null,
    async request(method, path, options = {}) {
      const headers: Record<string, string> = { ...options.headers };
      if (client.cookie) headers.cookie = client.cookie;
      if (client.csrf && options.csrf !== false && method !== 'GET') headers['x-csrf-token'] = client.csrf;
      let body: BodyInit | undefined = options.body;
      if (options.json !== undefined) {
        headers['content-type'] = 'application/json';
        body = JSON.stringify(options.json);
      }
      const res = await fetch(new URL(path, baseUrl), {
        method,
        headers,
        ...(body !== undefined ? { body } : {}),
      });
      const setCookie = res.headers.getSetCookie();
      for (const c of setCookie) {
        const m = /^jixiao_session=([^;]*)/.exec(c);
        if (m)
          client.cookie =
            m[1] === '' || /Max-Age=0|Expires=Thu, 01 Jan 1970/i.test(c) ? null : `jixiao_session=${m[1]}`;
      }
      const text = await res.text();
      let parsed: Json = null;
      if ((res.headers.get('content-type') ?? '').includes('json') && text !== '') parsed = JSON.parse(text);
      return { status: res.status, headers: res.headers, body: parsed, text };
    },
    get: (path, options) => client.request('GET', path, options),
    post: (path, json, options = {}) =>
      client.request('POST', path, { ...options, ...(json !== undefined ? { json } : {}) }),
    put: (path, json, options = {}) => client.request('PUT', path, { ...options, json }),
    async login(username, password) {
      const r = await client.post('/api/auth/login', { username, password });
      if (r.status === 200) client.csrf = r.body.csrfToken;
      return r;
    },
    async logout() {
      const r = await client.post('/api/auth/logout');
      client.csrf = null;
      return r;
    },
  };
  return client;
}
