import { describe, expect, it } from 'vitest';
import { LatencyWindow, quantile } from './latency-window';
import { PhaseMetrics } from './phase-metrics';
import { RateWindow } from './rate-window';

describe('RateWindow', () => {
  it('reports the rate over the time covered so far', () => {
    const w = new RateWindow(10);
    w.add(500, 100_000, 200);
    w.add(500, 100_000, 900);
    expect(w.rate(1000)).toEqual({ rps: 1000, bps: 200_000 });
  });

  it('forgets buckets older than the window', () => {
    const w = new RateWindow(5);
    for (let s = 0; s < 20; s++) w.add(s < 10 ? 100 : 10, 0, s * 1000 + 500);
    // last 5 whole seconds (15..19) hold 10 each
    expect(w.rate(20_000).rps).toBeCloseTo(50 / 5, 5);
  });

  it('is zero before anything happened', () => {
    expect(new RateWindow().rate(5000)).toEqual({ rps: 0, bps: 0 });
  });
});

describe('LatencyWindow', () => {
  it('computes nearest-rank p50/p99 of recent samples', () => {
    const w = new LatencyWindow(10_000);
    for (let i = 1; i <= 100; i++) w.add(i, 1000);
    expect(w.percentiles(2000)).toEqual({ p50: 50, p99: 99, max: 100, count: 100 });
    expect(w.percentiles(20_000)).toBeNull();
  });

  it('keeps only the newest samples when full', () => {
    const w = new LatencyWindow(60_000, 4);
    for (const v of [1000, 1000, 1, 2, 3, 4]) w.add(v, 0);
    expect(w.percentiles(1)!.max).toBe(4);
  });

  it('quantile edge cases', () => {
    expect(quantile([5], 0.99)).toBe(5);
    expect(quantile([1, 2], 0.5)).toBe(1);
    expect(Number.isNaN(quantile([], 0.5))).toBe(true);
  });
});

describe('PhaseMetrics', () => {
  it('accumulates totals and windows', () => {
    const m = new PhaseMetrics('incremental');
    m.acked(10, 2000, 500);
    m.acked(30, 6000, 1500);
    m.latency(80, 1500);
    const s = m.snapshot(2000);
    // 40 records between the first one (0.5 s) and now (2 s)
    expect(s).toMatchObject({ phase: 'incremental', records: 40, bytes: 8000 });
    expect(s.rps).toBeCloseTo(40 / 1.5, 6);
    expect(s.bps).toBeCloseTo(8000 / 1.5, 6);
    expect(s.latency?.p50).toBe(80);
  });
});
