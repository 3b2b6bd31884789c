import { describe, expect, it } from 'vitest';
import { niceMax, segments } from './chart-math';
import { formatDuration, formatPercent, formatShort } from '../tasks/metric-format';

describe('chart math', () => {
  it('rounds the y axis top up to 1, 2, 2.5 or 5 × 10^k', () => {
    expect([0, 0.3, 1, 7, 12, 2400, 15_001, 99_999].map(niceMax)).toEqual([1, 0.5, 1, 10, 20, 2500, 20_000, 100_000]);
  });

  it('breaks a line where samples stop for longer than the gap', () => {
    const pts = [0, 5, 10, 100, 105, 300].map((s) => ({ t: s * 1000, v: 1 }));
    expect(segments(pts, 30_000).map((seg) => seg.map((p) => p.t / 1000))).toEqual([[0, 5, 10], [100, 105], [300]]);
    expect(segments([], 30_000)).toEqual([]);
  });
});

describe('dashboard number formats', () => {
  it('never shows 100% before the end, and shortens large rates', () => {
    expect([0, 42.56, 99.97, 100, 100.4].map(formatPercent)).toEqual(['0%', '42.5%', '99.9%', '100%', '100%']);
    expect([950, 1200, 14_230, 2_500_000].map(formatShort)).toEqual(['950', '1.2k', '14.2k', '2.5M']);
    expect([45, 95, 3725, 200_000].map(formatDuration)).toEqual(['45 s', '1 min 35 s', '1 h 02 min', '2 d 7 h']);
  });
});
