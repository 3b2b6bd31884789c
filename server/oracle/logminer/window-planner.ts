import type { Scn } from '../../model/scn';
import type { WindowSizes } from './types';

/**
 * SCN windows for LogMiner sessions, half-open [from, to), contiguous, never past the upper bound
 * (the lowest LAST_REDO_CHANGE# of the open redo threads, at most the current SCN + 1):
 *   from 1000, size 20,000, upper 50,001 → [1000, 21000); lagging → size grows by `increment`
 *   from 21000, size 40,000, upper 50,001 → [21000, 50001); caught up → size shrinks by `increment`
 * Growing while behind amortises the per-session cost (ADD_LOGFILE, dictionary load); shrinking
 * when caught up keeps each session small and latency low (Debezium's batch-size rule).
 */
export class WindowPlanner {
  private size: bigint;
  private from: Scn;

  constructor(
    private readonly sizes: WindowSizes,
    startScn: Scn,
  ) {
    if (sizes.min <= 0n || sizes.min > sizes.default || sizes.default > sizes.max) {
      throw new RangeError(`window sizes must satisfy 0 < min <= default <= max, got ${sizes.min}/${sizes.default}/${sizes.max}`);
    }
    this.size = sizes.default;
    this.from = startScn;
  }

  get nextFrom(): Scn {
    return this.from;
  }

  get windowSize(): bigint {
    return this.size;
  }

  /** The next window below `upperExclusive`, or null when mining has caught up. */
  plan(upperExclusive: Scn): { fromScn: Scn; toScn: Scn } | null {
    if (upperExclusive <= this.from) return null;
    const end = this.from + this.size;
    return { fromScn: this.from, toScn: end < upperExclusive ? end : upperExclusive };
  }

  /** Records a mined window; the next one starts where it ended. */
  complete(window: { fromScn: Scn; toScn: Scn }, upperExclusive: Scn): void {
    if (window.fromScn !== this.from) throw new Error(`window ${window.fromScn} does not continue at ${this.from}`);
    this.from = window.toScn;
    const behind = window.toScn < upperExclusive;
    const s = behind ? this.size + this.sizes.increment : this.size - this.sizes.increment;
    this.size = s > this.sizes.max ? this.sizes.max : s < this.sizes.min ? this.sizes.min : s;
  }

  get maxWindowSize(): bigint {
    return this.sizes.max;
  }

  /** Moves the next window's start forward over SCNs known to hold no redo (an SCN jump). */
  skipTo(scn: Scn): void {
    if (scn > this.from) this.from = scn;
  }

  /** A window failed for lack of memory/time: retry smaller. */
  shrink(): void {
    const s = this.size / 2n;
    this.size = s < this.sizes.min ? this.sizes.min : s;
  }
}
