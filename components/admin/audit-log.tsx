'use client';

import { useInfiniteQuery } from '@tanstack/react-query';
import { useState } from 'react';
import { useTRPC } from '@/components/trpc/provider';
import { formatDateTime } from '@/components/ui/format';
import { PROCEDURE_ACCESS } from '@/server/auth/procedure-access';
import { AUDIT_OUTCOMES, type AuditOutcome } from '@/server/model/access';

interface Filters {
  actor: string;
  taskId: string;
  procedure: string;
  outcome: '' | AuditOutcome;
  from: string;
  to: string;
}

const EMPTY: Filters = { actor: '', taskId: '', procedure: '', outcome: '', from: '', to: '' };
const ACTIONS = Object.keys(PROCEDURE_ACCESS).sort();

function toInput(f: Filters) {
  return {
    actor: f.actor.trim() || undefined,
    taskId: f.taskId.trim() || undefined,
    procedure: f.procedure.trim() || undefined,
    outcome: f.outcome || undefined,
    from: f.from ? new Date(f.from) : undefined,
    to: f.to ? new Date(f.to) : undefined,
  };
}

/** Every change made through the API, newest first, filtered by user, task, action, outcome and time range. */
export function AuditLog() {
  const trpc = useTRPC();
  const [draft, setDraft] = useState<Filters>(EMPTY);
  const [applied, setApplied] = useState<Filters>(EMPTY);
  const entries = useInfiniteQuery(
    trpc.audit.list.infiniteQueryOptions({ ...toInput(applied), limit: 50 }, { getNextPageParam: (last) => last.nextCursor ?? undefined, refetchInterval: 10_000 }),
  );
  const rows = entries.data?.pages.flatMap((p) => p.entries) ?? [];
  const set = (k: keyof Filters) => (e: React.ChangeEvent<HTMLInputElement | HTMLSelectElement>) => setDraft((d) => ({ ...d, [k]: e.target.value }));

  return (
    <div className="card" data-testid="audit-log">
      <form
        className="toolbar"
        style={{ flexWrap: 'wrap' }}
        data-testid="audit-filters"
        onSubmit={(e) => {
          e.preventDefault();
          setApplied(draft);
        }}
      >
        <input className="input" style={{ width: 150 }} name="actor" placeholder="User or token" aria-label="User" value={draft.actor} onChange={set('actor')} />
        <input className="input" style={{ width: 170 }} name="taskId" placeholder="Task ID" aria-label="Task" value={draft.taskId} onChange={set('taskId')} />
        <input className="input" style={{ width: 190 }} name="procedure" placeholder="Action (e.g. task.start)" aria-label="Action" list="audit-actions" value={draft.procedure} onChange={set('procedure')} />
        <datalist id="audit-actions">
          {ACTIONS.map((a) => (
            <option key={a} value={a} />
          ))}
        </datalist>
        <select className="input" style={{ width: 120 }} name="outcome" aria-label="Outcome" value={draft.outcome} onChange={set('outcome')}>
          <option value="">Any outcome</option>
          {AUDIT_OUTCOMES.map((o) => (
            <option key={o} value={o}>{o}</option>
          ))}
        </select>
        <label className="muted">
          From <input className="input" style={{ width: 190 }} type="datetime-local" name="from" aria-label="From" value={draft.from} onChange={set('from')} />
        </label>
        <label className="muted">
          to <input className="input" style={{ width: 190 }} type="datetime-local" name="to" aria-label="To" value={draft.to} onChange={set('to')} />
        </label>
        <button className="btn btn-primary" type="submit">Filter</button>
        <button className="btn" type="button" onClick={() => { setDraft(EMPTY); setApplied(EMPTY); }}>Clear</button>
      </form>
      {entries.isError ? <div className="alert error" role="alert">{entries.error.message}</div> : null}
      <table className="data" data-testid="audit-table">
        <thead>
          <tr>
            <th>Time</th>
            <th>Who</th>
            <th>Action</th>
            <th>Task</th>
            <th>Client address</th>
            <th>Outcome</th>
            <th>Detail</th>
          </tr>
        </thead>
        <tbody>
          {entries.isSuccess && rows.length === 0 ? (
            <tr>
              <td colSpan={7} className="muted">No entries match.</td>
            </tr>
          ) : null}
          {rows.map((r) => (
            <tr key={r.id} data-procedure={r.procedure} data-actor={r.actorName} data-outcome={r.outcome}>
              <td style={{ whiteSpace: 'nowrap' }}>{formatDateTime(r.time)}</td>
              <td>
                {r.actorKind === 'token' ? <span className="badge">token</span> : null} {r.actorName}
                {r.role ? <div className="muted" style={{ fontSize: 11 }}>{r.role}</div> : null}
              </td>
              <td className="mono">{r.procedure}</td>
              <td className="mono" style={{ fontSize: 12 }}>{r.taskId ?? ''}</td>
              <td className="mono" style={{ fontSize: 12 }}>{r.clientAddress ?? ''}</td>
              <td>
                <span className={`status ${r.outcome === 'ok' ? 'ok' : r.outcome === 'denied' ? 'warn' : 'err'}`}>{r.outcome}</span>
              </td>
              <td style={{ fontSize: 12 }}>{r.detail ?? ''}</td>
            </tr>
          ))}
        </tbody>
      </table>
      {entries.hasNextPage ? (
        <div style={{ marginTop: 12 }}>
          <button className="btn" disabled={entries.isFetchingNextPage} onClick={() => entries.fetchNextPage()}>
            {entries.isFetchingNextPage ? 'Loading…' : 'Load more'}
          </button>
        </div>
      ) : null}
    </div>
  );
}
