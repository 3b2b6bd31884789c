/**
 * Latency percentiles over the most recent samples (commit time → Kafka ack for incremental
 * events). A ring of the last `capacity` samples, each with its time, so `percentiles(now)` only
 * counts samples inside the window; sorting a few thousand numbers every few seconds is cheap.
 *
 *   add(120), add(80), add(3000) → percentiles() = { p50: 120, p99: 3000, max: 3000, count: 3 }
 */
export interface Percentiles {
  p50: number;
  p99: number;
  max: number;
  count: number;
}

export class LatencyWindow {
  private readonly values: Float64Array;
  private readonly times: Float64Array;
  private next = 0;
  private size = 0;

  constructor(
    private readonly windowMs = 10_000,
    private readonly capacity = 8192,
  ) {
    this.values = new Float64Array(capacity);
    this.times = new Float64Array(capacity);
  }

  add(latencyMs: number, atMs: number): void {
    this.values[this.next] = latencyMs;
    this.times[this.next] = atMs;
    this.next = (this.next + 1) % this.capacity;
    this.size = Math.min(this.size + 1, this.capacity);
  }

  percentiles(nowMs: number): Percentiles | null {
    const picked: number[] = [];
    for (let i = 0; i < this.size; i++) if (this.times[i]! > nowMs - this.windowMs) picked.push(this.values[i]!);
    if (picked.length === 0) return null;
    picked.sort((a, b) => a - b);
    return { p50: quantile(picked, 0.5), p99: quantile(picked, 0.99), max: picked[picked.length - 1]!, count: picked.length };
  }
}

/** Nearest-rank quantile of sorted values. */
export function quantile(sorted: readonly number[], q: number): number {
  if (sorted.length === 0) return NaN;
  const rank = Math.ceil(q * sorted.length);
  return sorted[Math.min(sorted.length - 1, Math.max(0, rank - 1))]!;
}
