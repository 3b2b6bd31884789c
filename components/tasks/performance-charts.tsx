'use client';

import { useQuery } from '@tanstack/react-query';
import { useState } from 'react';
import { LineChart, type ChartSeries } from '@/components/charts/line-chart';
import { useTRPC } from '@/components/trpc/provider';
import type { RouterOutputs } from '@/components/trpc/types';
import { formatBytes, formatLatency, formatShort } from './metric-format';
import { PHASE_TITLE } from './phase-cards';
import './monitor.css';

type Point = RouterOutputs['taskMonitor']['metrics']['points'][number];

const RANGES = [
  { minutes: 15, label: '15 min' },
  { minutes: 60, label: '1 h' },
  { minutes: 360, label: '6 h' },
  { minutes: 1440, label: '24 h' },
] as const;

const COLOR: Record<Point['phase'], string> = { schema: '#b26a00', full: '#0064c8', incremental: '#10893e' };

function seriesOf(points: Point[], value: (p: Point) => number | null): ChartSeries[] {
  const out: ChartSeries[] = [];
  for (const phase of ['schema', 'full', 'incremental'] as const) {
    const mine = points.filter((p) => p.phase === phase && value(p) !== null).map((p) => ({ t: p.t, v: value(p)! }));
    if (mine.length > 0) out.push({ name: PHASE_TITLE[phase].replace(' Migration', ''), color: COLOR[phase], points: mine });
  }
  return out;
}

/** Performance Monitoring: RPS, BPS (units scale with the values) and latency per phase over a chosen time range, from MetricSample. */
export function PerformanceCharts({ taskId, live }: { taskId: string; live: boolean }) {
  const trpc = useTRPC();
  const [minutes, setMinutes] = useState<number>(15);
  const metrics = useQuery({ ...trpc.taskMonitor.metrics.queryOptions({ id: taskId, minutes }), refetchInterval: live ? 3000 : 15_000, placeholderData: (prev) => prev });
  const data = metrics.data;
  const points = data?.points ?? [];
  const empty = live ? 'No samples in this time range yet; they arrive every few seconds.' : 'No samples: metrics are recorded while the task migrates.';

  return (
    <div className="card" data-testid="performance">
      <div className="section-head">
        <h2>Performance Monitoring</h2>
        <div className="segmented" role="group" aria-label="Time range">
          {RANGES.map((r) => (
            <button key={r.minutes} className={r.minutes === minutes ? 'on' : undefined} aria-pressed={r.minutes === minutes} onClick={() => setMinutes(r.minutes)}>
              {r.label}
            </button>
          ))}
        </div>
      </div>
      {metrics.isError ? <div className="alert error">Could not load metrics: {metrics.error.message}</div> : null}
      {data ? (
        <div className="chart-grid">
          <LineChart testId="chart-rps" title="RPS (records per second)" from={data.from} to={data.to} series={seriesOf(points, (p) => p.rps)} format={formatShort} emptyText={empty} />
          <LineChart testId="chart-bps" title="BPS (bytes per second)" from={data.from} to={data.to} series={seriesOf(points, (p) => p.bps)} format={(v) => (v === 0 ? '0' : `${formatBytes(v)}/s`)} emptyText={empty} />
          <LineChart testId="chart-latency" title="Latency" from={data.from} to={data.to} series={seriesOf(points, (p) => p.latencyMs)} format={formatLatency} emptyText={empty} />
        </div>
      ) : (
        <div className="muted">Loading metrics…</div>
      )}
    </div>
  );
}
