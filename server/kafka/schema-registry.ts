import { SchemaRegistryError, SchemaRegistryRejectedError } from './errors';

/**
 * Confluent Schema Registry: register the DTS Avro schema under `<topic>-value` (values are then
 * framed with the schema id: confluent-frame.ts).
 *
 * REST (the two calls used):
 *   POST {url}/subjects/oracle.hr-value/versions
 *     Content-Type: application/vnd.schemaregistry.v1+json
 *     {"schema":"{\"type\":\"record\",\"name\":\"Record\",...}"}        → 200 {"id":7}
 *   GET  {url}/subjects                                                 → 200 ["oracle.hr-value"]
 * Registering an identical schema again returns the same id, so registering at task start is safe.
 */

const CONTENT_TYPE = 'application/vnd.schemaregistry.v1+json';

export const valueSubject = (topic: string): string => `${topic}-value`;

interface Target {
  base: string;
  headers: Record<string, string>;
}

/** fetch() refuses URLs with user:password@, so credentials move to an Authorization header. */
function target(url: string): Target {
  const u = new URL(url);
  const headers: Record<string, string> = { Accept: CONTENT_TYPE };
  if (u.username || u.password) {
    headers.Authorization = `Basic ${Buffer.from(`${decodeURIComponent(u.username)}:${decodeURIComponent(u.password)}`).toString('base64')}`;
    u.username = '';
    u.password = '';
  }
  return { base: u.toString().replace(/\/+$/, ''), headers };
}

/** The URL as safe to show: without credentials. */
function shown(url: string): string {
  try {
    const u = new URL(url);
    u.username = '';
    u.password = '';
    return u.toString().replace(/\/+$/, '');
  } catch {
    return url;
  }
}

async function call(url: string, path: string, init: RequestInit, timeoutMs: number): Promise<{ status: number; body: unknown }> {
  const t = target(url);
  let res: Response;
  try {
    res = await fetch(`${t.base}${path}`, { ...init, headers: { ...t.headers, ...(init.headers as Record<string, string>) }, signal: AbortSignal.timeout(timeoutMs) });
  } catch (e) {
    const cause = (e as { cause?: { code?: string; message?: string } }).cause;
    const detail = (e as Error).name === 'TimeoutError' ? `no answer within ${timeoutMs} ms` : (cause?.code ?? cause?.message ?? (e as Error).message);
    throw new SchemaRegistryError(shown(url), detail, e);
  }
  const text = await res.text();
  let body: unknown = text;
  try {
    body = JSON.parse(text);
  } catch {
    /* not JSON: keep the text for the message */
  }
  return { status: res.status, body };
}

function describe(body: unknown): string {
  if (body && typeof body === 'object' && 'message' in body) return String((body as { message: unknown }).message);
  return String(body).slice(0, 200);
}

/** Connectivity check: GET /subjects must answer 200 with a JSON array. */
export async function checkSchemaRegistry(url: string, { timeoutMs = 5000 } = {}): Promise<string[]> {
  const r = await call(url, '/subjects', { method: 'GET' }, timeoutMs);
  if (r.status === 401 || r.status === 403) throw new SchemaRegistryError(shown(url), `HTTP ${r.status}: credentials missing or refused (put them in the URL as http://user:password@host:port)`);
  if (r.status !== 200 || !Array.isArray(r.body)) throw new SchemaRegistryError(shown(url), `GET /subjects answered HTTP ${r.status} ${describe(r.body)}; is this a Schema Registry URL?`);
  return r.body as string[];
}

export class SchemaRegistryClient {
  private readonly ids = new Map<string, Promise<number>>();

  constructor(
    private readonly url: string,
    private readonly opts: { timeoutMs?: number } = {},
  ) {}

  /** Register (or look up) `schema` under `subject`; the id is cached per subject+schema. */
  register(subject: string, schema: string | object): Promise<number> {
    const text = typeof schema === 'string' ? schema : JSON.stringify(schema);
    const key = `${subject}\u0000${text}`;
    let id = this.ids.get(key);
    if (!id) {
      id = this.post(subject, text);
      this.ids.set(key, id);
      id.catch(() => this.ids.delete(key)); // a failure is not cached
    }
    return id;
  }

  private async post(subject: string, schema: string): Promise<number> {
    const r = await call(
      this.url,
      `/subjects/${encodeURIComponent(subject)}/versions`,
      { method: 'POST', headers: { 'Content-Type': CONTENT_TYPE }, body: JSON.stringify({ schema }) },
      this.opts.timeoutMs ?? 10_000,
    );
    const id = (r.body as { id?: unknown } | null)?.id;
    if (r.status === 200 && typeof id === 'number') return id;
    if (r.status === 401 || r.status === 403) throw new SchemaRegistryError(shown(this.url), `HTTP ${r.status}: credentials missing or refused`);
    throw new SchemaRegistryRejectedError(subject, r.status, describe(r.body));
  }
}
