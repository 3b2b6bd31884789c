import { createTRPCClient, httpLink, TRPCClientError } from '@trpc/client';
import superjson from 'superjson';
import type { AppRouter } from '../api/root';

/**
 * The CLI's door to a running console's API: the same typed tRPC client the browser uses, with an
 * API token instead of a session cookie.
 *
 *   ORA2KAFKA_CONSOLE_URL=https://o2k.example.com   (default http://127.0.0.1:3000)
 *   ORA2KAFKA_TOKEN=o2k_…                            (an admin creates it under Users & API Tokens)
 */
export const DEFAULT_CONSOLE_URL = 'http://127.0.0.1:3000';

export class ConsoleAccessError extends Error {
  readonly hint: string;
  constructor(message: string, hint: string) {
    super(message);
    this.hint = hint;
  }
}

export function consoleClient(env: Record<string, string | undefined> = process.env, urlFlag?: string) {
  const token = env.ORA2KAFKA_TOKEN?.trim();
  if (!token) {
    throw new ConsoleAccessError('ORA2KAFKA_TOKEN is not set: the console accepts commands only with an API token.', 'An admin creates one on the console\'s Users & API Tokens page; export ORA2KAFKA_TOKEN=<token> and run the command again.');
  }
  const base = (urlFlag ?? env.ORA2KAFKA_CONSOLE_URL ?? DEFAULT_CONSOLE_URL).replace(/\/+$/, '');
  const client = createTRPCClient<AppRouter>({
    links: [httpLink({ url: `${base}/api/trpc`, transformer: superjson, headers: { authorization: `Bearer ${token}` } })],
  });
  return { client, base };
}

/** A console refusal as one sentence and its fix; anything else (connection refused…) as it is. */
export function describeConsoleError(e: unknown, base: string): { message: string; hint: string | null } {
  if (e instanceof TRPCClientError) {
    const data = e.data as { httpStatus?: number; appError?: { hint?: string | null } | null; issues?: { path: string; message: string }[] | null } | undefined;
    const status = data?.httpStatus;
    const hint = status === 401 ? 'Check ORA2KAFKA_TOKEN: the token may be revoked, expired, or from another console.' : (data?.appError?.hint ?? null);
    // A task the console refused: each problem with its field, as `validate` prints them.
    const issues = data?.issues ?? [];
    if (issues.length > 0) {
      return { message: `${base}: the task is not valid (HTTP ${status ?? 400}):\n${issues.map((i) => `  - ${i.path ? `${i.path}: ` : ''}${i.message}`).join('\n')}`, hint: hint ?? 'Fix each setting as its message says, then run the command again.' };
    }
    return { message: `${base}: ${e.message}${status ? ` (HTTP ${status})` : ''}`, hint };
  }
  const err = e as Error & { cause?: { code?: string } };
  if (err.cause?.code === 'ECONNREFUSED') return { message: `Nothing answers at ${base}.`, hint: 'Start the console (npm start), or set ORA2KAFKA_CONSOLE_URL / --url to where it runs.' };
  return { message: err.message ?? String(e), hint: null };
}
