import { createHash, timingSafeEqual } from 'node:crypto';
import { resolveApiToken } from './api-tokens';
import { bearerToken } from './request-meta';

/**
 * Who may scrape GET /metrics: a bearer API token of any role (viewer or better), or the shared
 * scrape token ORA2KAFKA_METRICS_TOKEN for a Prometheus server that should hold no user token.
 * No session cookies: a scraper is not a browser.
 *
 *   scrape_configs: [{ job_name: ora2kafka, metrics_path: /metrics, authorization: { credentials: "o2k_…" } }]
 */
export type ScrapeAccess = { ok: true } | { ok: false; status: 401; message: string };

const sha = (s: string) => createHash('sha256').update(s).digest();

export async function authorizeScrape(headers: Headers, env: Record<string, string | undefined> = process.env): Promise<ScrapeAccess> {
  const token = bearerToken(headers);
  if (!token) return { ok: false, status: 401, message: 'Scraping /metrics needs "Authorization: Bearer <token>": an API token (any role) or ORA2KAFKA_METRICS_TOKEN.' };
  const shared = env.ORA2KAFKA_METRICS_TOKEN;
  // Compared as hashes: equal length for timingSafeEqual, and no early exit on the first differing byte.
  if (shared && timingSafeEqual(sha(token), sha(shared))) return { ok: true };
  const t = await resolveApiToken(token);
  if ('problem' in t) return { ok: false, status: 401, message: t.problem };
  return { ok: true };
}
