'use client';

import { Fragment, useState } from 'react';
import type { RouterOutputs } from '@/components/trpc/types';
import { Refusable } from '@/components/auth/access-context';
import { ConfirmDialog } from './confirm-dialog';
import './monitor.css';

export type PrecheckRun = NonNullable<RouterOutputs['precheck']['latest']>;
export type PrecheckItem = PrecheckRun['items'][number];

const RESULT: Record<PrecheckItem['status'], { label: string; tone: string }> = {
  pending: { label: 'Checking…', tone: 'pending' },
  passed: { label: 'Passed', tone: 'ok' },
  failed: { label: 'Failed', tone: 'err' },
  warning: { label: 'Warning', tone: 'warn' },
};

/**
 * The precheck items as DTS lists them: each with its result, View Details (cause and how to fix),
 * and for alerts (warnings) — never for failed items — "Confirm Alert Details > Ignore", which
 * counts from the next run on (Precheck Again).
 */
export function PrecheckItems({
  run,
  onlyProblems,
  busy,
  onIgnore,
}: {
  run: PrecheckRun;
  onlyProblems: boolean;
  busy: boolean;
  onIgnore(item: PrecheckItem, ignored: boolean): Promise<void>;
}) {
  const [open, setOpen] = useState<Set<number>>(new Set());
  const [confirm, setConfirm] = useState<PrecheckItem | null>(null);
  const [error, setError] = useState<{ message: string; hint?: string | null } | null>(null);
  const finished = run.status !== 'Running';
  const items = onlyProblems ? run.items.filter((i) => i.status !== 'passed') : run.items;
  const toggle = (id: number) => setOpen((s) => new Set(s.has(id) ? [...s].filter((x) => x !== id) : [...s, id]));

  return (
    <>
      <table className="data" data-testid="precheck-items">
        <thead>
          <tr>
            <th>Check Item</th>
            <th style={{ width: 150 }}>Result</th>
            <th style={{ width: 210 }}>Actions</th>
          </tr>
        </thead>
        <tbody>
          {items.length === 0 ? (
            <tr>
              <td colSpan={3} className="muted">Every item passed.</td>
            </tr>
          ) : null}
          {items.map((item) => {
            const r = item.ignored ? { label: 'Ignored', tone: 'ignored' } : RESULT[item.status];
            const ignoreAsked = item.ignored || item.ignorePending;
            const expanded = open.has(item.id);
            return (
              <Fragment key={item.id}>
                <tr data-code={item.code} data-status={item.status} data-ignored={item.ignored} data-ignore-pending={item.ignorePending}>
                  <td>
                    <div>{item.name}</div>
                    <div className="mono muted" style={{ fontSize: 11 }}>{item.code}</div>
                  </td>
                  <td>
                    <span className={`status ${r.tone}`}>{r.label}</span>
                    {item.ignored ? <div className="muted" style={{ fontSize: 11 }}>was {RESULT[item.status].label}</div> : null}
                    {item.ignorePending ? <div className="muted" style={{ fontSize: 11 }} data-testid="ignore-pending">ignored from the next precheck</div> : null}
                  </td>
                  <td>
                    {item.status !== 'pending' ? (
                      <button className="btn-link btn" onClick={() => toggle(item.id)} aria-expanded={expanded}>
                        {expanded ? 'Hide Details' : 'View Details'}
                      </button>
                    ) : null}
                    {finished && item.ignorable && !ignoreAsked ? (
                      <Refusable path="precheck.ignore">
                        {(refused) => (
                          <button className="btn-link btn" disabled={busy || refused} onClick={() => { setError(null); setConfirm(item); }}>
                            Ignore
                          </button>
                        )}
                      </Refusable>
                    ) : null}
                    {finished && ignoreAsked ? (
                      <Refusable path="precheck.ignore">
                        {(refused) => (
                          <button className="btn-link btn" disabled={busy || refused} onClick={() => onIgnore(item, false).catch(() => undefined)}>
                            Undo Ignore
                          </button>
                        )}
                      </Refusable>
                    ) : null}
                  </td>
                </tr>
                {expanded ? (
                  <tr data-details-for={item.code}>
                    <td colSpan={3} className="details-cell">
                      <div className="label">{item.status === 'passed' ? 'Result' : 'Cause'}</div>
                      <div style={{ whiteSpace: 'pre-wrap' }}>{item.detail || '—'}</div>
                      {item.hint ? (
                        <>
                          <div className="label">How to fix</div>
                          <pre className="fix">{item.hint}</pre>
                        </>
                      ) : null}
                    </td>
                  </tr>
                ) : null}
              </Fragment>
            );
          })}
        </tbody>
      </table>
      {confirm ? (
        <ConfirmDialog
          title="Confirm Alert Details"
          confirmLabel="Ignore"
          busy={busy}
          error={error}
          onCancel={() => setConfirm(null)}
          onConfirm={() =>
            onIgnore(confirm, true).then(
              () => setConfirm(null),
              (e: { message: string; hint?: string | null }) => setError(e),
            )
          }
        >
          <p style={{ marginTop: 0 }}>
            <b>{confirm.name}</b> <span className="mono muted">{confirm.code}</span>
          </p>
          <div style={{ whiteSpace: 'pre-wrap' }}>{confirm.detail}</div>
          {confirm.hint ? <pre className="fix">{confirm.hint}</pre> : null}
          <div className="alert warn" style={{ marginTop: 12, marginBottom: 0 }}>
            Ignoring alerts may result in data inconsistency. The task then runs with this condition in place. The alert counts as ignored once you click Precheck Again.
          </div>
        </ConfirmDialog>
      ) : null}
    </>
  );
}
