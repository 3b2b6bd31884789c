import type { RetryDecision, RetryWindow } from './retry-window';
import type { Clock } from '../clock';

/**
 * Runs `attempt` until it returns, retrying per the window. `attempt` receives `progress` to call
 * whenever it made durable progress (a checkpoint), which ends the outage so a long-running phase
 * gets a fresh window for its next failure.
 *
 *   await withRetry(clock, window, (progress) => phase.run(progress), {
 *     onRetrying: (d) => task.setRetrying(d.reason, d.timeLeftMs),
 *     onRecovered: () => task.setMigrating(),
 *   });
 */
export interface RetryHooks {
  onRetrying?(d: Extract<RetryDecision, { retry: true }>): void;
  /** Called once when the first attempt after an outage makes progress (or returns). */
  onRecovered?(): void;
  signal?: AbortSignal;
}

export async function withRetry<T>(clock: Clock, window: RetryWindow, attempt: (progress: () => void) => Promise<T>, hooks: RetryHooks = {}): Promise<T> {
  let inOutage = false;
  const progress = () => {
    window.onSuccess();
    if (inOutage) {
      inOutage = false;
      hooks.onRecovered?.();
    }
  };
  for (;;) {
    try {
      const result = await attempt(progress);
      progress();
      return result;
    } catch (e) {
      if (hooks.signal?.aborted) throw e;
      const d = window.onFailure(e);
      if (!d.retry) throw d.error;
      inOutage = true;
      hooks.onRetrying?.(d);
      await clock.sleep(d.delayMs, hooks.signal);
    }
  }
}
