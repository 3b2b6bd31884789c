import type { Clock } from '../clock';

/**
 * A token bucket that allows borrowing: `take(n)` always succeeds at once when tokens are there
 * and otherwise waits exactly long enough to repay the debt at `ratePerSec`. Large requests (a
 * 10,000-row chunk against 5,000 rows/s) therefore pace correctly instead of blocking forever,
 * and the long-run rate is the configured rate; the burst (default 100 ms worth) bounds how far
 * a short window can overshoot.
 *
 *   const b = new TokenBucket(5000, clock);   // 5,000 per second
 *   await b.take(10_000);                      // returns 1900: ~2 s minus the burst
 */
export class TokenBucket {
  private tokens: number;
  private last: number;
  readonly burst: number;

  constructor(
    readonly ratePerSec: number,
    private readonly clock: Clock,
    burstSeconds = 0.1,
  ) {
    if (!(ratePerSec > 0)) throw new RangeError(`token bucket rate must be positive, got ${ratePerSec}`);
    this.burst = Math.max(1, ratePerSec * burstSeconds);
    this.tokens = this.burst;
    this.last = clock.now();
  }

  private refill(): void {
    const now = this.clock.now();
    if (now > this.last) {
      this.tokens = Math.min(this.burst, this.tokens + ((now - this.last) / 1000) * this.ratePerSec);
      this.last = now;
    }
  }

  /** Milliseconds a `take(n)` issued now would wait. */
  delayFor(n: number): number {
    this.refill();
    const after = this.tokens - n;
    return after >= 0 ? 0 : Math.ceil((-after / this.ratePerSec) * 1000);
  }

  /** Takes `n` tokens, waiting to repay any debt; returns the wait it asked for (ms). */
  async take(n: number, signal?: AbortSignal): Promise<number> {
    if (n <= 0) return 0;
    const wait = this.delayFor(n);
    this.tokens -= n;
    if (wait > 0) await this.clock.sleep(wait, signal);
    return wait;
  }
}
