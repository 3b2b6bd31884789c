'use client';

import Link from 'next/link';
import { useQuery } from '@tanstack/react-query';
import { useEffect, useRef, useState } from 'react';
import { useTRPC } from '@/components/trpc/provider';
import { formatDateTime } from '@/components/ui/format';
import { ALERT_RULE_LABEL } from '@/server/model/task-monitoring';
import './alert-bell.css';

/**
 * The header's bell: how many alert episodes are open now (fired, not yet resolved), and the
 * latest fired and resolved alerts of every task, each linking to its task. Polls every 5 s.
 */
export function AlertBell() {
  const trpc = useTRPC();
  const recent = useQuery({ ...trpc.alert.recent.queryOptions({ limit: 20 }), refetchInterval: 5000 });
  const [open, setOpen] = useState(false);
  const box = useRef<HTMLSpanElement>(null);
  useEffect(() => {
    if (!open) return;
    const close = (e: MouseEvent) => {
      if (!box.current?.contains(e.target as Node)) setOpen(false);
    };
    const esc = (e: KeyboardEvent) => e.key === 'Escape' && setOpen(false);
    window.addEventListener('mousedown', close);
    window.addEventListener('keydown', esc);
    return () => {
      window.removeEventListener('mousedown', close);
      window.removeEventListener('keydown', esc);
    };
  }, [open]);
  const count = recent.data?.open ?? 0;
  const events = recent.data?.events ?? [];

  return (
    <span className="alert-bell" ref={box}>
      <button
        className={`bell${count > 0 ? ' firing' : ''}`}
        data-testid="alert-bell"
        data-open={count}
        aria-label={count > 0 ? `Alerts: ${count} open` : 'Alerts: none open'}
        aria-expanded={open}
        onClick={() => setOpen((o) => !o)}
      >
        <svg aria-hidden="true" width="16" height="16" viewBox="0 0 24 24" fill="none" stroke="currentColor" strokeWidth="2" strokeLinecap="round" strokeLinejoin="round">
          <path d="M18 8a6 6 0 0 0-12 0c0 7-3 9-3 9h18s-3-2-3-9" />
          <path d="M13.7 21a2 2 0 0 1-3.4 0" />
        </svg>
        {count > 0 ? <span className="count">{count}</span> : null}
      </button>
      {open ? (
        <div className="bell-panel" role="dialog" aria-label="Alerts" data-testid="alert-bell-panel">
          <header>Alerts {count > 0 ? `· ${count} open` : ''}</header>
          {recent.isError ? <div className="alert error">Could not load alerts: {recent.error.message}</div> : null}
          {events.length === 0 ? <div className="muted empty">No alerts yet. Turn on Monitoring and Alerting in a task to get them.</div> : null}
          <ul>
            {events.map((e) => (
              <li key={e.id} data-kind={e.kind} data-rule={e.rule} className={e.kind === 'fired' && !e.resolved ? 'open' : undefined}>
                <div className="line">
                  <span className={`badge ${e.kind === 'fired' ? (e.resolved ? 'warn' : 'err') : 'ok'}`}>{e.kind}</span>
                  <Link href={`/tasks/${e.taskId}`} onClick={() => setOpen(false)}>
                    {e.taskName}
                  </Link>
                  <span className="muted">{formatDateTime(e.time)}</span>
                </div>
                <div className="rule">{ALERT_RULE_LABEL[e.rule] ?? e.rule}</div>
                <div className="msg">{e.message}</div>
              </li>
            ))}
          </ul>
        </div>
      ) : null}
    </span>
  );
}
