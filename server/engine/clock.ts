/**
 * Time as the engine sees it. Throttles, retry windows and metrics take a Clock so tests can run
 * hours of retrying in milliseconds with a FakeClock:
 *
 *   const clock = new FakeClock(0);
 *   const done = clock.sleep(5000);   // pending
 *   await clock.advance(5000);        // resolves it
 */
export interface Clock {
  now(): number;
  /** Resolves after `ms`, or rejects with the signal's reason when aborted first. */
  sleep(ms: number, signal?: AbortSignal): Promise<void>;
}

export const realClock: Clock = {
  now: () => Date.now(),
  sleep(ms, signal) {
    return new Promise((resolve, reject) => {
      if (signal?.aborted) return reject(abortReason(signal));
      const t = setTimeout(() => {
        signal?.removeEventListener('abort', onAbort);
        resolve();
      }, Math.max(0, ms));
      const onAbort = () => {
        clearTimeout(t);
        reject(abortReason(signal!));
      };
      signal?.addEventListener('abort', onAbort, { once: true });
    });
  },
};

export function abortReason(signal: AbortSignal): Error {
  return signal.reason instanceof Error ? signal.reason : new Error('aborted');
}

interface Timer {
  at: number;
  seq: number;
  resolve: () => void;
}

/** A clock that moves only when told to; timers fire in due order as it advances. */
export class FakeClock implements Clock {
  private timers: Timer[] = [];
  private seq = 0;

  constructor(private t = 0) {}

  now(): number {
    return this.t;
  }

  sleep(ms: number, signal?: AbortSignal): Promise<void> {
    return new Promise((resolve, reject) => {
      if (signal?.aborted) return reject(abortReason(signal));
      const timer: Timer = { at: this.t + Math.max(0, ms), seq: this.seq++, resolve };
      this.timers.push(timer);
      signal?.addEventListener(
        'abort',
        () => {
          this.timers = this.timers.filter((x) => x !== timer);
          reject(abortReason(signal));
        },
        { once: true },
      );
    });
  }

  /** Timers waiting right now. */
  get pending(): number {
    return this.timers.length;
  }

  /** Moves time forward by `ms`, firing due timers one by one and letting their continuations run. */
  async advance(ms: number): Promise<void> {
    const end = this.t + ms;
    for (;;) {
      await flushMicrotasks();
      this.timers.sort((a, b) => a.at - b.at || a.seq - b.seq);
      const next = this.timers[0];
      if (!next || next.at > end) break;
      this.timers.shift();
      this.t = Math.max(this.t, next.at);
      next.resolve();
    }
    this.t = end;
    await flushMicrotasks();
  }

  /** Advances to each next timer until `done` settles (or `maxMs` of fake time passes). */
  async runUntil<T>(done: Promise<T>, maxMs = 7 * 24 * 3600_000): Promise<T> {
    let settled = false;
    const watched = done.finally(() => {
      settled = true;
    });
    watched.catch(() => undefined);
    const limit = this.t + maxMs;
    while (!settled && this.t < limit) {
      await flushMicrotasks();
      if (settled) break;
      this.timers.sort((a, b) => a.at - b.at || a.seq - b.seq);
      const next = this.timers[0];
      if (!next) {
        await new Promise((r) => setImmediate(r));
        if (!settled && this.timers.length === 0) await new Promise((r) => setTimeout(r, 1));
        continue;
      }
      await this.advance(Math.max(0, next.at - this.t));
    }
    return watched;
  }
}

async function flushMicrotasks(): Promise<void> {
  for (let i = 0; i < 20; i++) await Promise.resolve();
}
