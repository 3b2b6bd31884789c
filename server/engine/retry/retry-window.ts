import { EngineError, isOra2KafkaError } from '../../model/errors';
import type { Clock } from '../clock';

/**
 * The two DTS retry windows. A failure starts an outage; while `error.retriable` is true the task
 * retries with exponential backoff and jitter until the outage has lasted
 *   connectRetryMinutes  ("Retry Time for Failed Connections") for connection failures, or
 *   otherRetryMinutes    (wait time when other issues occur) for any other retriable error,
 * then fails. A success ends the outage, so the next failure gets a full window again. Errors that
 * are not retriable (or not ours) fail at once: only `retriable` decides, never the message.
 *
 *   ORA-03113 at 10:00, 10:00:01, … reconnect at 10:42  → Retrying (connection, 678 min left) → Migrating
 *   ORA-00054 from 10:00 to 10:10 with otherRetryMinutes 10 → Failed at 10:10
 */
export type RetryKind = 'connection' | 'other';

const CONNECTION_CODES = new Set([
  'ORA-03113', 'ORA-03114', 'ORA-03135', 'ORA-12537', 'ORA-12547', 'ORA-12541', 'ORA-12170', 'ORA-12516', 'ORA-12519', 'ORA-12520', 'ORA-12528',
  'CONN-REFUSED', 'CONN-TIMEOUT', 'KAFKA_UNREACHABLE', 'SOURCE_CONNECTION_LOST',
]);

export function retryKind(e: unknown): RetryKind {
  return isOra2KafkaError(e) && CONNECTION_CODES.has(e.code) ? 'connection' : 'other';
}

export interface RetryOptions {
  connectWindowMs: number;
  otherWindowMs: number;
  clock: Clock;
  /** First backoff (ms); doubles per attempt up to maxDelayMs. */
  baseDelayMs?: number;
  maxDelayMs?: number;
  /** [0,1) source for jitter (tests pass a fixed one). */
  random?: () => number;
}

export type RetryDecision =
  | { retry: true; kind: RetryKind; reason: string; attempt: number; delayMs: number; timeLeftMs: number; since: number }
  | { retry: false; error: Error };

export class RetryWindowExhaustedError extends EngineError {
  constructor(kind: RetryKind, minutes: number, last: unknown) {
    const label = kind === 'connection' ? 'Retry Time for Failed Connections' : 'the wait time before a retry when other issues occur';
    const inner = last instanceof Error ? last.message : String(last);
    const hint = isOra2KafkaError(last) && last.hint ? `${last.hint} ` : '';
    super('RETRY_WINDOW_EXHAUSTED', `Gave up after retrying for ${minutes} minutes (${label}): ${inner}`, {
      cause: last,
      hint: `${hint}Fix the cause, then resume the task; it continues from its last checkpoint. To ride out longer outages, raise ${kind === 'connection' ? 'connectRetryMinutes' : 'otherRetryMinutes'}.`,
    });
  }
}

export class RetryWindow {
  private outage: { since: number; attempts: number } | null = null;
  private readonly base: number;
  private readonly max: number;
  private readonly random: () => number;

  constructor(private readonly options: RetryOptions) {
    this.base = options.baseDelayMs ?? 1000;
    this.max = options.maxDelayMs ?? 60_000;
    this.random = options.random ?? Math.random;
  }

  get retrying(): boolean {
    return this.outage !== null;
  }

  onFailure(error: unknown): RetryDecision {
    const err = error instanceof Error ? error : new Error(String(error));
    if (!isOra2KafkaError(error) || !error.retriable) {
      this.outage = null;
      return { retry: false, error: err };
    }
    const now = this.options.clock.now();
    this.outage ??= { since: now, attempts: 0 };
    const kind = retryKind(error);
    const windowMs = kind === 'connection' ? this.options.connectWindowMs : this.options.otherWindowMs;
    const timeLeftMs = this.outage.since + windowMs - now;
    if (timeLeftMs <= 0) {
      this.outage = null;
      return { retry: false, error: new RetryWindowExhaustedError(kind, Math.round(windowMs / 60_000), error) };
    }
    const attempt = ++this.outage.attempts;
    const exp = Math.min(this.max, this.base * 2 ** Math.min(attempt - 1, 30));
    // Equal jitter: half fixed, half random, so many tasks do not reconnect in lockstep.
    const delayMs = Math.min(timeLeftMs, Math.round(exp / 2 + (exp / 2) * this.random()));
    return { retry: true, kind, reason: err.message, attempt, delayMs, timeLeftMs, since: this.outage.since };
  }

  /** Progress was made: the outage (if any) is over. */
  onSuccess(): void {
    this.outage = null;
  }
}

export function minutesToMs(minutes: number): number {
  return minutes * 60_000;
}
