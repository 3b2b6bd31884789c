/** Scale and line helpers of the SVG charts (pure, tested). */
export interface ChartPoint {
  t: number;
  v: number;
}

/** 0, and a top that is 1, 2, 2.5 or 5 × 10^k, at or above `max`. */
export function niceMax(max: number): number {
  if (!(max > 0)) return 1;
  const p = 10 ** Math.floor(Math.log10(max));
  for (const m of [1, 2, 2.5, 5, 10]) if (m * p >= max) return m * p;
  return 10 * p;
}

/** Splits a series where samples stop for longer than `gapMs` (a paused task draws no line across the pause). */
export function segments(points: ChartPoint[], gapMs: number): ChartPoint[][] {
  const out: ChartPoint[][] = [];
  for (const p of points) {
    const last = out[out.length - 1];
    if (last && p.t - last[last.length - 1]!.t <= gapMs) last.push(p);
    else out.push([p]);
  }
  return out;
}
