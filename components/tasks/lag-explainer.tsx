'use client';

import { useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import { useState } from 'react';
import { Refusable } from '@/components/auth/access-context';
import { describeApiError } from '@/components/trpc/error-message';
import { useTRPC } from '@/components/trpc/provider';
import { formatDateTime } from '@/components/ui/format';
import type { OpenTransactionView } from '@/server/model/task-diagnostics';
import { ConfirmDialog } from './confirm-dialog';
import { lagReasons } from './lag-reasons';
import { formatBytes, formatCount, formatDuration, formatLatency } from './metric-format';
import './monitor.css';

/**
 * The dashboard's lag explainer: why the task is behind — open transactions (an operator may drop
 * one older than the task's transaction retention, after a confirmation), the mining window and its
 * log files, redo rate, throttle and instance-class caps, Kafka back-pressure, retries. From the
 * same diagnostics report /metrics serves.
 */
export function LagExplainer({ taskId }: { taskId: string }) {
  const trpc = useTRPC();
  const qc = useQueryClient();
  const lag = useQuery({ ...trpc.taskMonitor.explainLag.queryOptions({ id: taskId }), refetchInterval: 2000 });
  const settings = useQuery(trpc.alert.settings.queryOptions({ taskId }));
  const [dropping, setDropping] = useState<OpenTransactionView | null>(null);
  const drop = useMutation(
    trpc.taskMonitor.dropTransaction.mutationOptions({
      onSuccess: async () => {
        setDropping(null);
        await qc.invalidateQueries({ queryKey: trpc.taskMonitor.explainLag.queryKey({ id: taskId }) });
      },
    }),
  );
  const d = lag.data?.diagnostics;
  if (!d) return null;
  const retention = Number(settings.data?.transactionRetentionMinutes ?? 60);
  const reasons = lagReasons(d, retention);
  const m = d.mining;

  return (
    <div className="card" data-testid="lag-explainer">
      <div className="section-head">
        <h2>Why is it behind?</h2>
        <span className="muted">
          Latency {d.latencyMs === null ? '—' : formatLatency(d.latencyMs)} · source lag {d.sourceLagMs === null ? '—' : formatLatency(d.sourceLagMs)} · checkpoint SCN <span className="mono">{d.checkpointScn ?? '—'}</span>
          {d.checkpointSpilledScn ? (
            <span data-testid="checkpoint-spilled" title="A restart on this machine takes these open transactions from their spill files instead of re-reading their redo">
              {' '}
              (<span className="mono">{d.checkpointSpilledScn}</span> here, with {formatCount(d.checkpointSpilledTransactions)} transaction(s) from spill files)
            </span>
          ) : null}{' '}
          · current SCN <span className="mono">{d.currentScn ?? '—'}</span>
        </span>
      </div>
      {reasons.length ? (
        <ul className="lag-reasons" data-testid="lag-reasons">
          {reasons.map((r) => (
            <li key={r}>{r}</li>
          ))}
        </ul>
      ) : (
        <p className="muted">Nothing holds the task back now.</p>
      )}

      <h3>
        Open transactions ({formatCount(d.activeTransactions)}, {formatBytes(d.bufferedBytes)} buffered{d.spilledBytes ? `, ${formatBytes(d.spilledBytes)} spilled` : ''})
      </h3>
      <table className="data" data-testid="open-transactions">
        <thead>
          <tr>
            <th>XID</th>
            <th>Start SCN</th>
            <th>Started</th>
            <th>Open for</th>
            <th>User</th>
            <th>Rows so far</th>
            <th>Size</th>
            <th>Tables</th>
            <th />
          </tr>
        </thead>
        <tbody>
          {d.openTransactions.map((t) => {
            const young = t.ageMs < retention * 60_000;
            return (
              <tr key={t.xid} data-xid={t.xid}>
                <td className="mono">{t.xid}</td>
                <td className="mono">{t.startScn}</td>
                <td className="mono" style={{ fontSize: 12 }}>{formatDateTime(t.startTimeMs)}</td>
                <td>{formatDuration(t.ageMs / 1000)}</td>
                <td>{t.userName ?? '—'}</td>
                <td>{formatCount(t.rows)}</td>
                <td>
                  {formatBytes(t.bytes)}
                  {t.spilled ? ' (spilled)' : ''}
                </td>
                <td className="mono" style={{ fontSize: 12 }}>{t.tables.join(', ')}</td>
                <td>
                  <Refusable path="taskMonitor.dropTransaction">
                    {(refused) => (
                      <button
                        className="btn btn-sm btn-danger"
                        data-testid={`drop-${t.xid}`}
                        disabled={refused || young}
                        title={young ? `Open for less than the transaction retention (${retention} min).` : undefined}
                        onClick={() => {
                          drop.reset();
                          setDropping(t);
                        }}
                      >
                        Drop
                      </button>
                    )}
                  </Refusable>
                </td>
              </tr>
            );
          })}
          {d.openTransactions.length === 0 ? (
            <tr>
              <td colSpan={9} className="muted" style={{ textAlign: 'center', padding: 16 }}>
                No open transaction holds changes of the selected tables.
              </td>
            </tr>
          ) : null}
        </tbody>
      </table>

      <div className="config-grid" style={{ marginTop: 16 }}>
        <div>
          <h3>Mining</h3>
          {m ? (
            <dl className="kv" data-testid="mining-window">
              <dt>Window</dt>
              <dd className="mono">
                {m.windowFromScn ?? '—'} – {m.windowToScn ?? '—'} (size {m.windowSize})
              </dd>
              <dt>Redo rate</dt>
              <dd>{formatCount(m.redoRowsPerSec)} rows/s</dd>
              <dt>Log switches seen</dt>
              <dd>{formatCount(m.logSwitches)}</dd>
              <dt>Cost on the source</dt>
              <dd data-testid="mining-cost">
                {m.lastWindowCost ? `last window ${formatCount(m.lastWindowCost.rows)} rows in ${formatCount(m.lastWindowCost.roundTrips)} round trips, ${formatCount(m.lastWindowCost.ms)} ms` : '—'}; {formatCount(m.sessionRestarts)} session restarts, {formatCount(m.scnJumpsSkipped)} SCN jumps skipped, {formatCount(m.unreadableRowsSkipped)} unreadable changes
              </dd>
              <dt>Log files</dt>
              <dd className="mono" style={{ fontSize: 12 }}>
                {m.logFiles.length ? m.logFiles.map((f) => <div key={`${f.thread}-${f.sequence}`}>{`${f.kind.toLowerCase()} thread ${f.thread} seq ${f.sequence} (SCN ${f.firstScn}–${f.nextScn ?? 'now'}) ${f.name}`}</div>) : '—'}
              </dd>
            </dl>
          ) : (
            <p className="muted">Not mining (full data migration, or not started yet).</p>
          )}
        </div>
        <div>
          <h3>Limits and retries</h3>
          <dl className="kv">
            <dt>Rate limit</dt>
            <dd>
              {formatCount(d.throttle.rps)} records/s, {formatBytes(d.throttle.bytesPerSec)}/s ({d.throttle.userThrottle ? 'throttle' : 'instance class'})
              {d.throttle.capping ? <span className="badge warn" style={{ marginLeft: 6 }}>capping</span> : null}
            </dd>
            <dt>Throttle waits</dt>
            <dd>
              {formatCount(d.throttle.waits)} ({formatLatency(d.throttle.waitedMs)})
            </dd>
            <dt>Kafka back-pressure</dt>
            <dd>
              {formatCount(d.backPressure.waits)} waits ({formatLatency(d.backPressure.waitedMs)})
            </dd>
            <dt>Retries</dt>
            <dd>
              {formatCount(d.retries.total)}
              {d.retries.last.map((r) => (
                <div key={r.atMs} className="muted" style={{ fontSize: 12 }}>
                  {formatDateTime(r.atMs)}: {r.reason}
                </div>
              ))}
            </dd>
            {d.dropped.length ? (
              <>
                <dt>Dropped</dt>
                <dd data-testid="dropped-transactions">
                  {d.dropped.map((t) => (
                    <div key={t.xid} className="mono" style={{ fontSize: 12 }}>
                      {t.xid}: {formatCount(t.rows)} rows, {formatBytes(t.bytes)} ({t.reason}, {formatDateTime(t.droppedAtMs)})
                    </div>
                  ))}
                </dd>
              </>
            ) : null}
          </dl>
        </div>
      </div>

      {dropping ? (
        <ConfirmDialog
          title={`Drop transaction ${dropping.xid}?`}
          confirmLabel="Drop"
          danger
          busy={drop.isPending}
          error={drop.isError ? describeApiError(drop.error) : null}
          onCancel={() => setDropping(null)}
          onConfirm={() => drop.mutate({ id: taskId, xid: dropping.xid })}
        >
          <p style={{ marginTop: 0 }}>
            Its {formatCount(dropping.rows)} changes so far ({formatBytes(dropping.bytes)}, {dropping.tables.join(', ') || 'no table'}) are discarded, and its later changes and commit are ignored: they never reach Kafka. The restart position no longer waits for it. The drop is logged with the XID and its size, and is in the audit log.
          </p>
        </ConfirmDialog>
      ) : null}
    </div>
  );
}
