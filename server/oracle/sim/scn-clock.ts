import type { Scn } from '../../model/scn';
import type { SimClock } from './sim-clock';

/**
 * The SCN clock. Every change and commit takes the next SCN; an idle database still moves its SCN
 * slowly (background jobs, SMON) — modelled as `idleScnPerSecond` applied lazily whenever the
 * clock is read. Keeps a sparse SCN→time map (like SMON_SCN_TIME) for SCN_TO_TIMESTAMP.
 */
export class ScnClock {
  private scn: Scn;
  private lastDriftMs: number;
  /** Parallel arrays: first SCN seen in each sampled second, and that second's time. */
  private readonly sampleScns: Scn[] = [];
  private readonly sampleTimes: number[] = [];

  constructor(
    private readonly clock: SimClock,
    startScn: Scn,
    private readonly idleScnPerSecond: number,
  ) {
    this.scn = startScn;
    this.lastDriftMs = clock.nowMs();
    this.sample();
  }

  /** The latest SCN handed out (after applying idle drift). */
  current(): Scn {
    this.drift();
    return this.scn;
  }

  /** Takes the next SCN for a change, a commit or a log switch. */
  next(): Scn {
    this.drift();
    this.scn += 1n;
    this.sample();
    return this.scn;
  }

  /**
   * An SCN jump with no redo: the SCN leaps ahead by `by` (a distributed transaction over a
   * database link raises the local SCN to the remote one's; so can a restore). Real databases
   * then hold millions or billions of SCNs in which nothing was written.
   */
  jump(by: bigint): Scn {
    this.drift();
    this.scn += by;
    this.sample();
    return this.scn;
  }

  nowMs(): number {
    return this.clock.nowMs();
  }

  /** Approximate wall time of an SCN (sampled per second); null before the first sample. */
  timeOf(scn: Scn): number | null {
    const i = this.lastSampleAtOrBefore(scn);
    return i < 0 ? null : this.sampleTimes[i]!;
  }

  /** Highest SCN handed out at or before timeMs; null when timeMs predates the first sample. */
  scnAtTime(timeMs: number): Scn | null {
    if (this.sampleTimes.length === 0 || this.sampleTimes[0]! > timeMs) return null;
    // Samples hold the first SCN of each second: the answer is just below the next second's first SCN.
    let lo = 0;
    let hi = this.sampleTimes.length;
    while (lo < hi) {
      const mid = (lo + hi) >> 1;
      if (this.sampleTimes[mid]! <= timeMs) lo = mid + 1;
      else hi = mid;
    }
    return lo < this.sampleScns.length ? this.sampleScns[lo]! - 1n : this.scn;
  }

  private drift(): void {
    const now = this.clock.nowMs();
    const elapsed = now - this.lastDriftMs;
    if (elapsed < 1000 || this.idleScnPerSecond <= 0) return;
    const seconds = Math.floor(elapsed / 1000);
    this.lastDriftMs += seconds * 1000;
    this.scn += BigInt(Math.floor(seconds * this.idleScnPerSecond));
    this.sample();
  }

  private sample(): void {
    const now = this.clock.nowMs();
    const n = this.sampleTimes.length;
    // One sample per second is enough for SCN_TO_TIMESTAMP's 3-second granularity.
    if (n > 0 && Math.floor(this.sampleTimes[n - 1]! / 1000) === Math.floor(now / 1000)) return;
    this.sampleScns.push(this.scn);
    this.sampleTimes.push(now);
  }

  private lastSampleAtOrBefore(scn: Scn): number {
    let lo = 0;
    let hi = this.sampleScns.length - 1;
    let found = -1;
    while (lo <= hi) {
      const mid = (lo + hi) >> 1;
      if (this.sampleScns[mid]! <= scn) {
        found = mid;
        lo = mid + 1;
      } else hi = mid - 1;
    }
    return found;
  }
}
