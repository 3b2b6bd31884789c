import superjson from 'superjson';

/**
 * A caller of the console's API over HTTP, as a browser (session cookie, same Origin) or a script
 * (bearer token) makes the calls. Answers come back with their status and decoded data, never
 * thrown, so tests can assert refusals.
 */
export interface ApiAnswer<T = unknown> {
  status: number;
  data: T;
  error: { message: string; code: string; appCode: string | null; requiredRoles: string[] | null } | null;
  headers: Headers;
}

export class ApiClient {
  cookie: string | null = null;

  constructor(
    readonly url: string,
    readonly opts: { token?: string; origin?: string | null } = {},
  ) {}

  /** A mutation (POST) — queries go through `query`. */
  async mutate<T = unknown>(path: string, input?: unknown): Promise<ApiAnswer<T>> {
    const headers: Record<string, string> = { 'content-type': 'application/json', ...this.auth() };
    const origin = this.opts.origin === undefined ? this.url : this.opts.origin;
    if (origin) headers.origin = origin;
    const res = await fetch(`${this.url}/api/trpc/${path}`, { method: 'POST', headers, body: JSON.stringify(superjson.serialize(input)) });
    return this.answer<T>(res);
  }

  async query<T = unknown>(path: string, input?: unknown): Promise<ApiAnswer<T>> {
    const q = input === undefined ? '' : `?input=${encodeURIComponent(JSON.stringify(superjson.serialize(input)))}`;
    const res = await fetch(`${this.url}/api/trpc/${path}${q}`, { headers: this.auth() });
    return this.answer<T>(res);
  }

  /** Succeeds or throws with the API's message. */
  async ok<T = unknown>(kind: 'query' | 'mutate', path: string, input?: unknown): Promise<T> {
    const a = kind === 'query' ? await this.query<T>(path, input) : await this.mutate<T>(path, input);
    if (a.status !== 200) throw new Error(`${path}: HTTP ${a.status} ${a.error?.message}`);
    return a.data;
  }

  async signIn(username: string, password: string): Promise<ApiAnswer> {
    return this.mutate('auth.signIn', { username, password });
  }

  private auth(): Record<string, string> {
    if (this.opts.token) return { authorization: `Bearer ${this.opts.token}` };
    return this.cookie ? { cookie: this.cookie } : {};
  }

  private async answer<T>(res: Response): Promise<ApiAnswer<T>> {
    for (const c of res.headers.getSetCookie()) {
      const [pair] = c.split(';');
      this.cookie = /=$/.test(pair!) ? null : pair!;
    }
    const body = (await res.json()) as { result?: { data: { json: unknown; meta?: unknown } }; error?: { json: { message: string; data: { code: string; appError: { code: string; requiredRoles?: string[] | null } | null } } } };
    const data = body.result ? (superjson.deserialize(body.result.data as Parameters<typeof superjson.deserialize>[0]) as T) : (undefined as T);
    const e = body.error?.json;
    return {
      status: res.status,
      data,
      error: e ? { message: e.message, code: e.data.code, appCode: e.data.appError?.code ?? null, requiredRoles: e.data.appError?.requiredRoles ?? null } : null,
      headers: res.headers,
    };
  }
}
