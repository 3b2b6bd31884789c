import type { MonitoringInput } from '../model/task-monitoring';
import { decryptSecret, encryptSecret, loadSecretKey, secretState } from './secrets';

/**
 * Webhook secrets inside a task's `monitoring` settings, at rest: AES-256-GCM ciphertexts like the
 * connection passwords. Saving with an empty secret keeps the one stored for the same URL (the
 * form never receives it back); the API sees "set"/"not set"; only the notifier gets plain text.
 *
 *   stored  { webhooks: [{ url: 'https://h/x', secret: 'v1:…' }] }
 *   viewed  { webhooks: [{ url: 'https://h/x', secret: 'set' }] }
 */
type Hooks = { url: string; secret: string }[];
type WithHooks = { alerting?: { webhooks?: Hooks } } & Record<string, unknown>;

function mapHooks<T extends WithHooks | undefined>(m: T, fn: (h: { url: string; secret: string }, i: number) => { url: string; secret: string }): T {
  if (!m?.alerting?.webhooks) return m;
  return { ...m, alerting: { ...m.alerting, webhooks: m.alerting.webhooks.map(fn) } } as T;
}

export function encryptMonitoring(next: MonitoringInput | undefined, previous: WithHooks | undefined): WithHooks | undefined {
  const key = loadSecretKey();
  const before = previous?.alerting?.webhooks ?? [];
  return mapHooks(next as WithHooks | undefined, (h) => ({
    url: h.url,
    secret: h.secret ? encryptSecret(h.secret, key) : (before.find((b) => b.url === h.url)?.secret ?? ''),
  }));
}

export function viewMonitoring(stored: WithHooks | undefined): WithHooks | undefined {
  return mapHooks(stored, (h) => ({ url: h.url, secret: secretState(h.secret) }));
}

export function decryptMonitoring(stored: WithHooks | undefined): WithHooks | undefined {
  const key = loadSecretKey();
  return mapHooks(stored, (h) => ({ url: h.url, secret: h.secret ? decryptSecret(h.secret, key) : '' }));
}
