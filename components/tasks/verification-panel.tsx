'use client';

import Link from 'next/link';
import { useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import { useState } from 'react';
import { Refusable } from '@/components/auth/access-context';
import { describeApiError } from '@/components/trpc/error-message';
import { useTRPC } from '@/components/trpc/provider';
import { formatDateTime } from '@/components/ui/format';
import { ImageCompare } from './image-compare';
import './monitor.css';

const TONE: Record<string, string> = { passed: 'ok', verified: 'ok', differences: 'err', failed: 'err', unprovable: 'warn', Running: 'run' };
const LABEL: Record<string, string> = { passed: 'Passed', verified: 'Verified', differences: 'Differences', failed: 'Failed', unprovable: 'Cannot prove', Running: 'Running' };

/**
 * Data Verification on the task page: start a full verification (operators; an SCN, or the latest
 * the task has committed), the latest runs with per-table counts, and for a table with differences
 * its keys with the source and Kafka images side by side.
 */
export function VerificationPanel({ taskId }: { taskId: string }) {
  const trpc = useTRPC();
  const qc = useQueryClient();
  const [scn, setScn] = useState('');
  const [recent, setRecent] = useState('');
  const runs = useQuery({ ...trpc.verification.list.queryOptions({ taskId, limit: 5 }), refetchInterval: (q) => (q.state.data?.some((r) => r.status === 'Running') ? 1500 : 10_000) });
  const start = useMutation(trpc.verification.start.mutationOptions({ onSuccess: () => qc.invalidateQueries({ queryKey: trpc.verification.list.queryKey({ taskId, limit: 5 }) }) }));
  const [open, setOpen] = useState<{ runId: number; table: string } | null>(null);
  const latest = runs.data?.[0];
  const running = latest?.status === 'Running';
  const err = start.error ? describeApiError(start.error) : null;

  return (
    <div className="card" data-testid="verification-panel">
      <div className="section-head">
        <h2>Data Verification</h2>
        <div className="verify-form">
          <Link className="btn" href={`/tasks/${encodeURIComponent(taskId)}/records`} data-testid="browse-records">Browse records</Link>
          <input className="input" aria-label="SCN to verify at" placeholder="SCN (default: latest committed)" value={scn} onChange={(e) => setScn(e.target.value)} />
          <input className="input" style={{ width: 190 }} aria-label="Only keys changed in the last minutes" placeholder="Recent minutes (empty: full)" value={recent} onChange={(e) => setRecent(e.target.value)} />
          <Refusable path="verification.start">
            {(refused) => (
              <button className="btn btn-primary" data-testid="verify-start" disabled={refused || running || start.isPending} onClick={() => start.mutate({ taskId, ...(scn.trim() ? { scn: scn.trim() } : {}), ...(recent.trim() ? { recentMinutes: Number(recent.trim()) } : {}) })}>
                {running ? 'Verifying…' : 'Verify data'}
              </button>
            )}
          </Refusable>
        </div>
      </div>
      <p className="muted" style={{ marginTop: 0 }}>
        Compares every row of the source, read AS OF an SCN, with the latest record per key of the topic up to that SCN (read_committed, mapping and row filters applied as the task applies them). With recent minutes, only keys changed in that time are sampled (up to 100 per table), comparing the columns their records carry.
      </p>
      {err ? <div className="alert error" role="alert">{err.message}{err.hint ? ` ${err.hint}` : ''}</div> : null}
      {runs.isError ? <div className="alert error">Could not load verifications: {runs.error.message}</div> : null}
      {latest ? (
        <div data-testid="verification-run" data-status={latest.status}>
          <div style={{ marginBottom: 8 }}>
            <span className={`status ${TONE[latest.status] ?? ''}`}>{LABEL[latest.status] ?? latest.status}</span> · run {latest.id} by {latest.requestedBy} · {formatDateTime(latest.startedAt)}
            {latest.scn ? <> · SCN <span className="mono">{latest.scn}</span></> : null} · {latest.recordsRead.toLocaleString('en-US')} records read
          </div>
          {latest.errorMessage ? <div className="alert error">{latest.errorMessage}</div> : null}
          {latest.notes.map((n) => <div key={n} className="alert warn">{n}</div>)}
          {latest.results.length > 0 ? (
            <table className="data">
              <thead>
                <tr><th>Table</th><th>Result</th><th>Source rows</th><th>Kafka rows</th><th>Equal</th><th>Missing</th><th>Extra</th><th>Different</th><th /></tr>
              </thead>
              <tbody>
                {latest.results.map((r) => (
                  <tr key={r.table} data-table={r.table} data-status={r.status}>
                    <td className="mono">{r.table}{r.sourceTable !== r.table ? <span className="muted"> ← {r.sourceTable}</span> : null}</td>
                    <td><span className={`status ${TONE[r.status] ?? ''}`} title={r.reason ?? undefined}>{LABEL[r.status]}</span>{r.reason ? <div className="field-help">{r.reason}</div> : null}</td>
                    <td>{r.sourceRows.toLocaleString('en-US')}</td>
                    <td>{r.kafkaRows.toLocaleString('en-US')}</td>
                    <td>{r.matched.toLocaleString('en-US')}</td>
                    <td>{r.missingCount.toLocaleString('en-US')}</td>
                    <td>{r.extraCount.toLocaleString('en-US')}</td>
                    <td>{r.differentCount.toLocaleString('en-US')}</td>
                    <td>{r.missingCount + r.extraCount + r.differentCount > 0 ? <button className="btn-link" onClick={() => setOpen({ runId: latest.id, table: r.table })}>Show keys</button> : null}</td>
                  </tr>
                ))}
              </tbody>
            </table>
          ) : null}
          {open && open.runId === latest.id ? <DifferenceList runId={open.runId} table={open.table} /> : null}
        </div>
      ) : runs.isPending ? null : (
        <div className="muted">No verification yet.</div>
      )}
    </div>
  );
}

function DifferenceList({ runId, table }: { runId: number; table: string }) {
  const trpc = useTRPC();
  const detail = useQuery(trpc.verification.detail.queryOptions({ runId, table }));
  if (detail.isPending) return <div className="muted">Loading differences…</div>;
  if (detail.isError) return <div className="alert error">{detail.error.message}</div>;
  const d = detail.data;
  const rows = [
    ...d.different.map((x) => ({ kind: 'different', ...x })),
    ...d.missing.map((x) => ({ kind: 'missing', ...x })),
    ...d.extra.map((x) => ({ kind: 'extra', ...x })),
  ];
  return (
    <div data-testid="verification-differences" style={{ marginTop: 12 }}>
      <h3 className="mono">{table}</h3>
      {rows.map((r) => (
        <details key={`${r.kind}:${r.key}`} data-key={r.key} data-kind={r.kind} open={rows.length <= 5}>
          <summary>
            <span className={`badge ${r.kind === 'different' ? 'err' : 'warn'}`}>{r.kind}</span> key <span className="mono">{r.key}</span>
            {r.columns.length > 0 ? <> — {r.columns.join(', ')}</> : r.kind === 'missing' ? ' — in the source, not in Kafka' : ' — in Kafka, not in the source'}
          </summary>
          <ImageCompare left={r.source} right={r.kafka} leftLabel="Source (AS OF SCN)" rightLabel="Kafka (replayed)" highlight={new Set(r.columns)} />
        </details>
      ))}
    </div>
  );
}
