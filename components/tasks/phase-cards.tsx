'use client';

import type { RouterOutputs } from '@/components/trpc/types';
import { CAUGHT_UP_LATENCY_MS } from '@/server/model/phase-progress';
import { formatBytes, formatCount, formatDuration, formatLatency, formatPercent, formatShort, MB } from './metric-format';
import './monitor.css';

type Progress = RouterOutputs['taskMonitor']['progress'];
type Phase = Progress['phases'][number];

export const PHASE_TITLE: Record<Phase['phase'], string> = {
  schema: 'Schema Migration',
  full: 'Full Data Migration',
  incremental: 'Incremental Data Migration',
};

const PHASE_STATUS: Record<string, { label: string; tone: string }> = {
  NotStarted: { label: 'Not Started', tone: '' },
  Running: { label: 'Migrating', tone: 'run' },
  Paused: { label: 'Paused', tone: 'warn' },
  Finished: { label: 'Completed', tone: 'ok' },
  Failed: { label: 'Failed', tone: 'err' },
  Stopped: { label: 'Stopped (released)', tone: '' },
};

/** Schema / Full / Incremental: status, percent, counters, ETA and (incremental) latency, from TaskPhase. */
export function PhaseCards({ progress }: { progress: Progress }) {
  return (
    <div className="phase-grid" data-testid="phase-cards">
      {progress.phases.map((p) => (
        <PhaseCard key={p.phase} p={p} typesChosen={progress.migrationTypes !== null} />
      ))}
    </div>
  );
}

function PhaseCard({ p, typesChosen }: { p: Phase; typesChosen: boolean }) {
  if (!p.selected) {
    return (
      <div className="card phase-card unselected" data-phase={p.phase} data-selected="false">
        <div className="head">
          <h2>{PHASE_TITLE[p.phase]}</h2>
        </div>
        <div>Not selected for this task.</div>
      </div>
    );
  }
  const s = PHASE_STATUS[p.status] ?? { label: p.status, tone: '' };
  // Incremental has caught up with the source (DTS "Catched") when mining reached the database's
  // current SCN and the newest changes land within seconds of their commit (or none are arriving).
  const latency = p.latest?.latencyMs ?? null;
  const caughtUp = p.phase === 'incremental' && p.status === 'Running' && p.percent >= 100 && (latency === null || latency <= CAUGHT_UP_LATENCY_MS);
  const behind = p.phase === 'incremental' && p.status === 'Running' && !caughtUp && latency !== null && latency > CAUGHT_UP_LATENCY_MS;
  const bar = p.status === 'Failed' ? 'err' : p.status === 'Finished' || caughtUp ? 'ok' : p.status === 'Paused' ? 'warn' : '';
  return (
    <div className="card phase-card" data-phase={p.phase} data-status={p.status} data-selected="true">
      <div className="head">
        <h2>{PHASE_TITLE[p.phase]}</h2>
        <span className={`status ${s.tone}`} data-testid={`phase-status-${p.phase}`}>
          {caughtUp ? 'Running · caught up' : behind ? `Running · ${formatLatency(latency!)} behind` : s.label}
        </span>
      </div>
      <div className="head">
        <span className="pct" data-testid={`phase-percent-${p.phase}`}>{formatPercent(p.percent)}</span>
        {p.etaSeconds !== null && p.status === 'Running' && !caughtUp ? <span className="muted">about {formatDuration(p.etaSeconds)} left</span> : null}
      </div>
      <div className={`progress ${bar}`} role="progressbar" aria-valuenow={Math.floor(p.percent)} aria-valuemin={0} aria-valuemax={100} aria-label={`${PHASE_TITLE[p.phase]} progress`}>
        <span style={{ width: `${p.percent}%` }} />
      </div>
      <dl className="kv">{details(p)}</dl>
      {p.errorMessage ? <div className="err-text" role="alert">{p.errorMessage}</div> : null}
      {p.status === 'NotStarted' && p.updatedAt === null ? (
        <div className="muted" style={{ fontSize: 12 }}>{typesChosen ? 'Starts when the task reaches this phase.' : 'Migration types are chosen in Configure Objects.'}</div>
      ) : null}
    </div>
  );
}

function details(p: Phase): React.ReactNode {
  const rows: [string, string][] = [];
  if (p.phase === 'schema') {
    rows.push(['Objects', `${formatCount(p.objectsDone)} / ${p.objectsTotal ? formatCount(p.objectsTotal) : '—'}`]);
  } else if (p.phase === 'full') {
    // Finished: what was read (the start's estimate no longer matters); running: never an estimate below the rows read.
    rows.push(['Rows', p.status === 'Finished' ? formatCount(p.rowsDone) : `${formatCount(p.rowsDone)} / ${p.rowsTotal ? `~${formatCount(Math.max(p.rowsTotal, p.rowsDone))}` : '—'}`]);
    rows.push(['Tables', `${formatCount(p.objectsDone)} / ${p.objectsTotal ? formatCount(p.objectsTotal) : '—'}`]);
    rows.push(['Data', formatBytes(p.bytesDone)]);
  } else {
    rows.push(['Latency', p.latest?.latencyMs != null ? formatLatency(p.latest.latencyMs) : '—']);
    rows.push(['Changes', formatCount(p.rowsDone)]);
    rows.push(['Data', formatBytes(p.bytesDone)]);
  }
  if (p.phase !== 'schema') {
    rows.push(['Now', p.latest && p.status === 'Running' ? `${formatShort(p.latest.rps)} RPS · ${(p.latest.bps / MB).toFixed(2)} MB/s` : '—']);
  }
  return rows.map(([k, v]) => (
    <Row key={k} k={k} v={v} />
  ));
}

function Row({ k, v }: { k: string; v: string }) {
  return (
    <>
      <dt>{k}</dt>
      <dd>{v}</dd>
    </>
  );
}
