'use client';

import type { RouterOutputs } from '@/components/trpc/types';
import { isFullTableProgress, type FullTableProgress, type IncrementalTableProgress } from '@/server/model/phase-progress';
import { formatCount } from './metric-format';
import './monitor.css';

type Progress = RouterOutputs['taskMonitor']['progress'];

const FULL_ORDER: Record<FullTableProgress['status'], number> = { Failed: 0, Reading: 1, Waiting: 2, Done: 3 };
const FULL_LABEL: Record<FullTableProgress['status'], { label: string; tone: string }> = {
  Waiting: { label: 'Waiting', tone: '' },
  Reading: { label: 'Reading', tone: 'run' },
  Done: { label: 'Done', tone: 'ok' },
  Failed: { label: 'Failed', tone: 'err' },
};

/** Rows read of the estimate while reading; once done, what was read. */
function rowsRead(t: FullTableProgress): string {
  return t.status === 'Done' ? formatCount(t.rowsDone) : `${formatCount(t.rowsDone)} / ~${formatCount(Math.max(t.rowsEstimate, t.rowsDone))}`;
}

/**
 * Per-table progress under the phase cards: the full load's tables (rows read of the estimate,
 * status, rows the filter left out, the table's error) and incremental changes per table by
 * operation. Failed and running tables first; the busiest incremental tables first.
 */
export function TableProgressSection({ progress }: { progress: Progress }) {
  const full = progress.phases.find((p) => p.phase === 'full')?.tables.filter(isFullTableProgress) ?? [];
  // Tables read while incremental migration runs (Modify Objects, Re-read): the incremental phase's full-table rows.
  const streaming = progress.phases.find((p) => p.phase === 'incremental')?.tables.filter(isFullTableProgress) ?? [];
  const incremental = (progress.phases.find((p) => p.phase === 'incremental')?.tables.filter((t): t is IncrementalTableProgress => !isFullTableProgress(t)) ?? []).slice();
  if (full.length === 0 && incremental.length === 0 && streaming.length === 0) return null;
  const total = (t: IncrementalTableProgress) => t.inserts + t.updates + t.deletes + t.ddl;
  incremental.sort((a, b) => total(b) - total(a) || a.table.localeCompare(b.table));
  return (
    <div className="card" data-testid="table-progress">
      <h2>Tables</h2>
      {full.length > 0 ? <ReadTables title="Full Data Migration" testId="table-progress-full" rows={full} /> : null}
      {streaming.length > 0 ? <ReadTables title="Read while migrating" testId="table-progress-streaming" rows={streaming} /> : null}
      {incremental.length > 0 ? (
        <>
          <h3>Incremental Data Migration</h3>
          <table className="data" data-testid="table-progress-incremental">
            <thead>
              <tr>
                <th>Table</th>
                <th className="num">Inserts</th>
                <th className="num">Updates</th>
                <th className="num">Deletes</th>
                <th className="num">DDL</th>
              </tr>
            </thead>
            <tbody>
              {incremental.map((t) => (
                <tr key={t.table} data-table={t.table}>
                  <td className="mono">{t.table}</td>
                  <td className="num">{formatCount(t.inserts)}</td>
                  <td className="num">{formatCount(t.updates)}</td>
                  <td className="num">{formatCount(t.deletes)}</td>
                  <td className="num">{formatCount(t.ddl)}</td>
                </tr>
              ))}
            </tbody>
          </table>
          <div className="muted" style={{ fontSize: 12, marginTop: 6 }}>Changes written since the task last started.</div>
        </>
      ) : null}
    </div>
  );
}

/** Tables read in key order (the full load, or while migrating): failed and running ones first. */
function ReadTables({ title, testId, rows }: { title: string; testId: string; rows: FullTableProgress[] }) {
  const sorted = rows.slice().sort((a, b) => FULL_ORDER[a.status] - FULL_ORDER[b.status] || a.table.localeCompare(b.table));
  return (
    <>
      <h3>{title}</h3>
      <table className="data" data-testid={testId}>
        <thead>
          <tr>
            <th>Table</th>
            <th>Status</th>
            <th className="num">Rows read</th>
            <th className="num">Filtered out</th>
            <th>Error</th>
          </tr>
        </thead>
        <tbody>
          {sorted.map((t) => (
            <tr key={t.table} data-table={t.table} data-status={t.status}>
              <td className="mono">{t.table}</td>
              <td>
                <span className={`status ${FULL_LABEL[t.status].tone}`}>{FULL_LABEL[t.status].label}</span>
              </td>
              <td className="num" data-testid="rows-read">
                {rowsRead(t)}
              </td>
              <td className="num">{t.rowsFilteredOut === null ? '—' : formatCount(t.rowsFilteredOut)}</td>
              <td className="err-text">{t.error ?? ''}</td>
            </tr>
          ))}
        </tbody>
      </table>
    </>
  );
}
