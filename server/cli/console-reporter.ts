import { mkdirSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import type { MetricSnapshot } from '../engine/metrics/phase-metrics';
import type { LogLevel, StatusReport, TaskReporter } from '../engine/task-reporter';
import type { PhaseName, PhaseProgress } from '../model/phase-progress';

/**
 * What `ora2kafka run` prints, one line per event, for a terminal or a log collector:
 *   2026-11-23T22:10:03Z  status    Migrating
 *   2026-11-23T22:10:08Z  progress  full 42.5% 425,000/1,000,000 rows, ETA 14 s
 *   2026-11-23T22:10:08Z  metrics   full 85,120 rows/s 17.0 MB/s
 *   2026-11-23T22:10:09Z  warn      Trigger HR.T was migrated as DDL, but …
 * With --json, each line is a JSON object instead. The latest state is also kept in a status file
 * that `ora2kafka status` reads.
 */
export interface StatusFile {
  taskId: string;
  pid: number;
  status: string;
  reason: string | null;
  retryTimeLeftMs: number | null;
  phases: Partial<Record<PhaseName, PhaseProgress>>;
  metrics: Partial<Record<PhaseName, MetricSnapshot>>;
  updatedAt: string;
}

export class ConsoleReporter implements TaskReporter {
  private readonly state: StatusFile;
  private lastProgressLine = '';

  constructor(
    private readonly opts: { taskId: string; json: boolean; statusFile: string; write?: (line: string) => void },
  ) {
    this.state = { taskId: opts.taskId, pid: process.pid, status: 'NotStarted', reason: null, retryTimeLeftMs: null, phases: {}, metrics: {}, updatedAt: new Date().toISOString() };
    mkdirSync(path.dirname(opts.statusFile), { recursive: true });
  }

  status(r: StatusReport): void {
    Object.assign(this.state, { status: r.status, reason: r.reason ?? null, retryTimeLeftMs: r.retryTimeLeftMs ?? null });
    const left = r.retryTimeLeftMs !== undefined ? ` (${Math.ceil(r.retryTimeLeftMs / 60_000)} min left)` : '';
    this.line(r.atMs, 'status', `${r.status}${left}${r.reason ? `: ${r.reason}` : ''}`, { status: r.status, reason: r.reason, retryTimeLeftMs: r.retryTimeLeftMs });
    this.save();
  }

  phase(p: PhaseProgress): void {
    this.state.phases[p.phase] = p;
    const text =
      p.phase === 'incremental'
        ? `incremental ${p.status} ${fmt(p.rowsDone)} events${p.delaySeconds != null ? `, delay ${p.delaySeconds.toFixed(1)} s` : ''}`
        : `${p.phase} ${p.status} ${p.percent.toFixed(1)}% ${p.phase === 'schema' ? `${p.objectsDone}/${p.objectsTotal} objects` : `${fmt(p.rowsDone)}/${fmt(p.rowsTotal)} rows`}${p.etaSeconds != null && p.status === 'Running' ? `, ETA ${p.etaSeconds} s` : ''}`;
    if (text !== this.lastProgressLine) {
      this.lastProgressLine = text;
      this.line(Date.now(), 'progress', text, { ...p });
    }
    this.save();
  }

  metrics(m: MetricSnapshot, atMs: number): void {
    this.state.metrics[m.phase] = m;
    const lat = m.latency ? `, latency p50 ${Math.round(m.latency.p50)} ms p99 ${Math.round(m.latency.p99)} ms` : '';
    this.line(atMs, 'metrics', `${m.phase} ${fmt(Math.round(m.rps))} records/s ${(m.bps / 1_000_000).toFixed(1)} MB/s${lat}`, { ...m });
    this.save();
  }

  log(level: LogLevel, message: string, atMs: number): void {
    this.line(atMs, level, message, { message });
  }

  private line(atMs: number, kind: string, text: string, data: object): void {
    const at = new Date(atMs).toISOString().replace(/\.\d+Z$/, 'Z');
    const out = this.opts.json ? JSON.stringify({ at, kind, ...data }) : `${at}  ${kind.padEnd(8)}  ${text}`;
    (this.opts.write ?? ((l: string) => process.stdout.write(`${l}\n`)))(out);
  }

  private save(): void {
    this.state.updatedAt = new Date().toISOString();
    try {
      writeFileSync(this.opts.statusFile, JSON.stringify(this.state, null, 2));
    } catch {
      /* the status file is a convenience */
    }
  }
}

function fmt(n: number): string {
  return Math.round(n).toLocaleString('en-US');
}
