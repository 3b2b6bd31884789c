import type { PhaseName } from '../../model/phase-progress';
import { LatencyWindow, type Percentiles } from './latency-window';
import { RateWindow } from './rate-window';

/**
 * What a phase reports: totals since the phase started, and windowed RPS/BPS and latency for the
 * MetricSample written every few seconds.
 *
 *   m.acked(1000, 240_000, now);  m.latency(85, now);
 *   m.snapshot(now) → { records: 1000, bytes: 240000, rps: 1000, bps: 240000, latency: { p50: 85, … } }
 */
export interface MetricSnapshot {
  phase: PhaseName;
  records: number;
  bytes: number;
  rps: number;
  bps: number;
  latency: Percentiles | null;
}

export class PhaseMetrics {
  records = 0;
  bytes = 0;
  private readonly rates: RateWindow;
  private readonly lat: LatencyWindow;

  constructor(
    readonly phase: PhaseName,
    windowSeconds = 10,
  ) {
    this.rates = new RateWindow(windowSeconds);
    this.lat = new LatencyWindow(windowSeconds * 1000);
  }

  /** Records Kafka acknowledged. */
  acked(count: number, bytes: number, atMs: number): void {
    this.records += count;
    this.bytes += bytes;
    this.rates.add(count, bytes, atMs);
  }

  latency(ms: number, atMs: number): void {
    this.lat.add(ms, atMs);
  }

  snapshot(nowMs: number): MetricSnapshot {
    const r = this.rates.rate(nowMs);
    return { phase: this.phase, records: this.records, bytes: this.bytes, rps: r.rps, bps: r.bps, latency: this.lat.percentiles(nowMs) };
  }
}
