/**
 * Counts events per key over a sliding window (a log of timestamps per key), in this process's
 * memory: failed sign-ins per user name and per client address, Test Connectivity calls per caller.
 * `retryAfterMs` says how long until the oldest event in a full window drops out.
 *
 *   const w = new SlidingWindow({ max: 5, windowMs: 900_000 });
 *   w.retryAfterMs('user:alice', now)  // 0 while fewer than 5 events in the last 15 min
 *   w.record('user:alice', now)
 */
export class SlidingWindow {
  private readonly events = new Map<string, number[]>();
  private recorded = 0;

  constructor(private readonly opts: { max: number; windowMs: number }) {}

  /** Milliseconds until one more event is allowed; 0 when it is allowed now. */
  retryAfterMs(key: string, now = Date.now()): number {
    const list = this.live(key, now);
    if (list.length < this.opts.max) return 0;
    return list[list.length - this.opts.max]! + this.opts.windowMs - now;
  }

  record(key: string, now = Date.now()): void {
    const list = this.live(key, now);
    list.push(now);
    this.events.set(key, list);
    if (++this.recorded % 1000 === 0) this.prune(now);
  }

  clear(key: string): void {
    this.events.delete(key);
  }

  private live(key: string, now: number): number[] {
    const list = this.events.get(key);
    if (!list) return [];
    const from = now - this.opts.windowMs;
    while (list.length && list[0]! <= from) list.shift();
    if (!list.length) this.events.delete(key);
    return list;
  }

  /** Keeps memory bounded when many keys (addresses) are seen once. */
  private prune(now: number): void {
    for (const key of [...this.events.keys()]) this.live(key, now);
  }
}
