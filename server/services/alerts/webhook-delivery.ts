import { createHmac } from 'node:crypto';
import { recordDelivery } from '../../store/alert-repository';
import type { AlertPayload } from './alert-payload';

/**
 * One alert to one webhook: POST of the JSON payload, signed so the receiver can tell it came from
 * this console — `X-Ora2Kafka-Signature: sha256=<hex HMAC-SHA256 of the exact body with the
 * channel's secret>` (no header without a secret). A non-2xx answer or a network error is retried
 * with exponential backoff (1 s, 2 s, 4 s, 8 s by default); every attempt is in the delivery log.
 *
 *   POST https://hooks.example.com/o2k
 *   content-type: application/json
 *   x-ora2kafka-event: fired
 *   x-ora2kafka-signature: sha256=5d41402abc4b2a76b9719d911017c592…
 *   {"event":"fired","rule":"latency","task":{"id":"o2k-…","name":"hr"},"message":"Latency has been above 60 s …", …}
 */
export interface WebhookOptions {
  attempts: number;
  baseDelayMs: number;
  timeoutMs: number;
}

export const DEFAULT_WEBHOOK_OPTIONS: WebhookOptions = { attempts: 5, baseDelayMs: 1000, timeoutMs: 10_000 };

export function signature(body: string, secret: string): string {
  return `sha256=${createHmac('sha256', secret).update(body).digest('hex')}`;
}

export async function deliverWebhook(eventId: number, hook: { url: string; secret: string }, payload: AlertPayload, opts: WebhookOptions = DEFAULT_WEBHOOK_OPTIONS): Promise<boolean> {
  const body = JSON.stringify(payload);
  const headers: Record<string, string> = { 'content-type': 'application/json', 'user-agent': 'Ora2Kafka-Alerts', 'x-ora2kafka-event': payload.event, 'x-ora2kafka-delivery': String(eventId) };
  if (hook.secret) headers['x-ora2kafka-signature'] = signature(body, hook.secret);
  for (let attempt = 1; attempt <= opts.attempts; attempt++) {
    let detail: string;
    try {
      const res = await fetch(hook.url, { method: 'POST', headers, body, signal: AbortSignal.timeout(opts.timeoutMs), redirect: 'manual' });
      await res.body?.cancel().catch(() => undefined);
      if (res.ok) {
        await recordDelivery({ eventId, channel: 'webhook', target: hook.url, attempt, outcome: 'ok', detail: `HTTP ${res.status}` }).catch(() => undefined);
        return true;
      }
      detail = `HTTP ${res.status}`;
    } catch (e) {
      detail = e instanceof Error ? (e.cause instanceof Error ? `${e.message}: ${e.cause.message}` : e.message) : String(e);
    }
    const last = attempt === opts.attempts;
    await recordDelivery({ eventId, channel: 'webhook', target: hook.url, attempt, outcome: last ? 'gave-up' : 'failed', detail }).catch(() => undefined);
    if (!last) await new Promise((r) => setTimeout(r, opts.baseDelayMs * 2 ** (attempt - 1)));
  }
  return false;
}
