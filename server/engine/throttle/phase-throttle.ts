import type { AdvancedSettings } from '../../model/task-advanced';
import { INSTANCE_CAPS, type InstanceClass } from '../../model/task-instance-class';
import type { Clock } from '../clock';
import { TokenBucket } from './token-bucket';

/**
 * The limits one phase runs under: the instance class caps every phase (records/s and MB/s), and
 * the user's throttle, when enabled, lowers them (DTS "Enable Throttling for Full/Incremental Data
 * Migration"). Full migration also limits queries per second to the source. 1 MB = 1,000,000 bytes.
 *
 *   medium class, full throttle {rps: 20000, mbps: 100, sourceQps: 50}
 *     → { rps: 20000, bytesPerSec: 50_000_000, qps: 50 }
 */
export interface PhaseLimits {
  rps: number;
  bytesPerSec: number;
  /** Source queries per second; null = no limit. */
  qps: number | null;
}

export function fullLimits(instance: InstanceClass, a: Pick<AdvancedSettings, 'fullThrottle'>): PhaseLimits {
  const cap = INSTANCE_CAPS[instance];
  const t = a.fullThrottle;
  return {
    rps: t.enabled ? Math.min(t.rps, cap.rps) : cap.rps,
    bytesPerSec: (t.enabled ? Math.min(t.mbps, cap.mbps) : cap.mbps) * 1_000_000,
    qps: t.enabled ? t.sourceQps : null,
  };
}

export function incrementalLimits(instance: InstanceClass, a: Pick<AdvancedSettings, 'incrementalThrottle'>): PhaseLimits {
  const cap = INSTANCE_CAPS[instance];
  const t = a.incrementalThrottle;
  return {
    rps: t.enabled ? Math.min(t.rps, cap.rps) : cap.rps,
    bytesPerSec: (t.enabled ? Math.min(t.mbps, cap.mbps) : cap.mbps) * 1_000_000,
    qps: null,
  };
}

/** Three buckets shared by every worker of a phase (parallel tables draw from the same budget). */
export class PhaseThrottle {
  private readonly records: TokenBucket;
  private readonly bytes: TokenBucket;
  private readonly queries: TokenBucket | null;

  constructor(
    readonly limits: PhaseLimits,
    clock: Clock,
  ) {
    this.records = new TokenBucket(limits.rps, clock);
    this.bytes = new TokenBucket(limits.bytesPerSec, clock);
    this.queries = limits.qps === null ? null : new TokenBucket(limits.qps, clock, Math.max(0.1, 1 / limits.qps));
  }

  /** Before a source query (a chunk read). */
  async query(signal?: AbortSignal): Promise<void> {
    await this.queries?.take(1, signal);
  }

  /** For records about to be sent; waits for whichever limit (records or bytes) is further behind. */
  async admit(count: number, bytes: number, signal?: AbortSignal): Promise<void> {
    const held = Math.max(...(await Promise.all([this.records.take(count, signal), this.bytes.take(bytes, signal)])));
    if (held > 0) {
      this.waits++;
      this.waitedMs += held;
    }
  }

  /**
   * Admissions the limits held back, and for how long in all (the lag explainer's "throttle
   * capping"). The time is the delay each was given, not the time its timer took: on a busy
   * machine a timer fires late, and that lateness is the machine's, not the throttle's. So one
   * writer is never held longer than its records and bytes at the limits take.
   */
  waits = 0;
  waitedMs = 0;
}
