'use client';

import { useEffect, useRef, useState } from 'react';
import { niceMax, segments, type ChartPoint } from './chart-math';
import './charts.css';

/**
 * A small time-series chart in plain SVG: one line per series over a shared time axis, a y axis
 * from zero with four "nice" ticks, a legend, and a crosshair that lists each series' nearest value.
 *
 *   <LineChart title="RPS" from={t0} to={t1} format={(v) => `${v}/s`}
 *     series={[{ name: 'Full', color: '#0064c8', points: [{ t: 1700000000000, v: 1200 }, …] }]} />
 */
export type { ChartPoint };

export interface ChartSeries {
  name: string;
  color: string;
  points: ChartPoint[];
}

interface Props {
  title: string;
  series: ChartSeries[];
  from: number;
  to: number;
  /** Value label on the axis and in the crosshair. */
  format(v: number): string;
  height?: number;
  emptyText?: string;
  testId?: string;
}

const PAD = { left: 52, right: 12, top: 10, bottom: 24 };

function timeLabel(t: number, spanMs: number): string {
  const d = new Date(t);
  const p = (n: number) => String(n).padStart(2, '0');
  const hm = `${p(d.getHours())}:${p(d.getMinutes())}`;
  return spanMs > 36 * 3600_000 ? `${p(d.getMonth() + 1)}-${p(d.getDate())} ${hm}` : spanMs <= 10 * 60_000 ? `${hm}:${p(d.getSeconds())}` : hm;
}

function useWidth(): [React.RefObject<HTMLDivElement | null>, number] {
  const ref = useRef<HTMLDivElement | null>(null);
  const [width, setWidth] = useState(480);
  useEffect(() => {
    const el = ref.current;
    if (!el) return;
    const ro = new ResizeObserver(([e]) => setWidth(Math.max(200, Math.floor(e!.contentRect.width))));
    ro.observe(el);
    return () => ro.disconnect();
  }, []);
  return [ref, width];
}

export function LineChart({ title, series, from, to, format, height = 180, emptyText = 'No data in this time range.', testId }: Props) {
  const [ref, width] = useWidth();
  const [hoverT, setHoverT] = useState<number | null>(null);
  const span = Math.max(1, to - from);
  const innerW = width - PAD.left - PAD.right;
  const innerH = height - PAD.top - PAD.bottom;
  const all = series.flatMap((s) => s.points);
  const top = niceMax(Math.max(0, ...all.map((p) => p.v)));
  const x = (t: number) => PAD.left + ((t - from) / span) * innerW;
  const y = (v: number) => PAD.top + innerH - (Math.max(0, v) / top) * innerH;
  const ticks = [0, 0.25, 0.5, 0.75, 1].map((f) => f * top);
  // As many time labels as fit (about 70 px each): a narrow chart of a young task gets fewer.
  const timeTickCount = Math.max(2, Math.min(5, Math.floor(innerW / 70) + 1));
  const timeTicks = Array.from({ length: timeTickCount }, (_, i) => from + (i / (timeTickCount - 1)) * span);
  const empty = all.length === 0;

  const gapMs = Math.max(30_000, (4 * span) / 240);
  // The series' sample nearest to the cursor, if there is one close enough (none across a gap).
  const nearest = (s: ChartSeries, t: number) => {
    const best = s.points.reduce<ChartPoint | null>((b, p) => (b === null || Math.abs(p.t - t) < Math.abs(b.t - t) ? p : b), null);
    return best && Math.abs(best.t - t) <= gapMs ? best : null;
  };
  const hovered = hoverT === null ? [] : series.map((s) => ({ s, p: nearest(s, hoverT) })).filter((h): h is { s: ChartSeries; p: ChartPoint } => h.p !== null);

  return (
    <figure className="chart" data-testid={testId} data-points={all.length}>
      <figcaption className="chart-title">{title}</figcaption>
      <div ref={ref} className="chart-body" style={{ height }}>
        <svg width={width} height={height} role="img" aria-label={`${title} over time`}
          onMouseMove={(e) => {
            const rect = e.currentTarget.getBoundingClientRect();
            const px = e.clientX - rect.left;
            setHoverT(px < PAD.left || px > width - PAD.right ? null : from + ((px - PAD.left) / innerW) * span);
          }}
          onMouseLeave={() => setHoverT(null)}
        >
          {ticks.map((v) => (
            <g key={v}>
              <line x1={PAD.left} x2={width - PAD.right} y1={y(v)} y2={y(v)} className="grid" />
              {empty ? null : <text x={PAD.left - 6} y={y(v) + 4} textAnchor="end" className="axis">{format(v)}</text>}
            </g>
          ))}
          {timeTicks.map((t, i) => (
            <text key={t} x={x(t)} y={height - 6} textAnchor={i === 0 ? 'start' : i === timeTicks.length - 1 ? 'end' : 'middle'} className="axis">{timeLabel(t, span)}</text>
          ))}
          {series.flatMap((s) =>
            segments(s.points, gapMs).map((seg, i) =>
              seg.length === 1 ? (
                <circle key={`${s.name}-${i}`} cx={x(seg[0]!.t)} cy={y(seg[0]!.v)} r={2.5} fill={s.color} />
              ) : (
                <polyline key={`${s.name}-${i}`} fill="none" stroke={s.color} strokeWidth={1.8} strokeLinejoin="round" points={seg.map((p) => `${x(p.t).toFixed(1)},${y(p.v).toFixed(1)}`).join(' ')} />
              ),
            ),
          )}
          {hovered.length > 0 ? (
            <g>
              <line x1={x(hovered[0]!.p.t)} x2={x(hovered[0]!.p.t)} y1={PAD.top} y2={PAD.top + innerH} className="crosshair" />
              {hovered.map(({ s, p }) => (
                <circle key={s.name} cx={x(p.t)} cy={y(p.v)} r={3.5} fill="#fff" stroke={s.color} strokeWidth={2} />
              ))}
            </g>
          ) : null}
        </svg>
        {empty ? <div className="chart-empty">{emptyText}</div> : null}
        {hovered.length > 0 ? (
          <div className="chart-tip" style={{ left: Math.max(0, Math.min(x(hovered[0]!.p.t) + 10, width - 170)) }}>
            <div className="muted">{timeLabel(hovered[0]!.p.t, 0)}</div>
            {hovered.map(({ s, p }) => (
              <div key={s.name}>
                <span className="swatch" style={{ background: s.color }} /> {s.name}: <b>{format(p.v)}</b>
              </div>
            ))}
          </div>
        ) : null}
      </div>
      {series.length > 0 ? (
        <div className="chart-legend">
          {series.map((s) => (
            <span key={s.name}>
              <span className="swatch" style={{ background: s.color }} /> {s.name}
            </span>
          ))}
        </div>
      ) : null}
    </figure>
  );
}
