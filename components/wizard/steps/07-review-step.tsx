'use client';

import { useMutation, useQuery } from '@tanstack/react-query';
import { useState } from 'react';
import { createPortal } from 'react-dom';
import { StatusBadge } from '@/components/ui/status-badge';
import { describeApiError } from '@/components/trpc/error-message';
import { useTRPC } from '@/components/trpc/provider';
import { ApiCallPreview } from '@/components/tasks/api-call-preview';
import { labelledIssues } from '@/server/model/field-labels';
import { taskConfigSchema, taskWarnings } from '@/server/model/task-config';
import { issuePath } from '@/server/model/wizard-sections';
import { useWizardStore } from '../wizard-store';
import { ConfigSummary } from './review-summary';

/**
 * Step 7: Review and Start — the configuration exactly as saved on the server (what Buy and Start
 * validates and runs; passwords only as set / not set), its warnings, and Buy and Start.
 */
export function ReviewStep({ onStarted, footerSlot }: { onStarted(id: string): void | Promise<void>; footerSlot: HTMLElement | null }) {
  const trpc = useTRPC();
  const draftId = useWizardStore((s) => s.draftId);
  const task = useQuery({ ...trpc.task.get.queryOptions({ id: draftId ?? '' }), enabled: Boolean(draftId), staleTime: 0 });
  const precheck = useQuery({ ...trpc.precheck.latest.queryOptions({ taskId: draftId ?? '' }), enabled: Boolean(draftId), staleTime: 0 });
  const start = useMutation(trpc.task.start.mutationOptions({ onSuccess: (r) => onStarted(r.id) }));
  const [confirmed, setConfirmed] = useState(false);

  if (!draftId) return <div className="alert error">Save the source and destination (step 1) first.</div>;
  if (task.isPending) return <div className="card muted">Loading the saved configuration…</div>;
  if (task.isError) return <div className="alert error" role="alert">{task.error.message}</div>;

  const t = task.data;
  const parsed = taskConfigSchema.safeParse(t.config);
  const warnings = parsed.success ? taskWarnings(parsed.data) : [];
  const failure = start.isError ? describeApiError(start.error) : null;
  const ignored = precheck.data?.items.filter((i) => i.ignored) ?? [];

  return (
    <div data-testid="review-step">
      {!parsed.success ? (
        <div className="alert error" role="alert" data-testid="review-issues">
          The saved configuration is incomplete; go back to the step named below and fix it:
          <ul>{labelledIssues(parsed.error.issues.map((i) => ({ path: issuePath(i.path), message: i.message })), (t.config as Record<string, unknown>).objects).map((m) => <li key={m}>{m}</li>)}</ul>
        </div>
      ) : null}
      {warnings.length > 0 ? (
        <div className="alert warn" data-testid="review-warnings">
          <strong>Warnings</strong>
          <ul>{warnings.map((w) => <li key={w}>{w}</li>)}</ul>
        </div>
      ) : null}
      <ConfigSummary id={t.id} name={t.name} status={<StatusBadge status={t.status} />} config={t.config} parsed={parsed.success ? parsed.data : null} />
      {ignored.length > 0 ? (
        <div className="card" data-testid="review-ignored">
          <h2>Ignored Precheck Items</h2>
          <p className="field-help" style={{ marginTop: 0 }}>The task runs with these alerts in place; they were ignored in the precheck.</p>
          <table className="data">
            <thead>
              <tr><th>Check Item</th><th>Result</th><th>Cause</th></tr>
            </thead>
            <tbody>
              {ignored.map((i) => (
                <tr key={i.id} data-code={i.code}>
                  <td>{i.name}<div className="mono muted" style={{ fontSize: 11 }}>{i.code}</div></td>
                  <td>Ignored (was Warning)</td>
                  <td style={{ whiteSpace: 'pre-wrap' }}>{i.detail}</td>
                </tr>
              ))}
            </tbody>
          </table>
        </div>
      ) : null}
      <div className="card">
        <h2>Buy and Start</h2>
        {t.status !== 'PrecheckPassed' ? (
          <div className="alert info" data-testid="precheck-note">
            The task starts only after its precheck has passed; its precheck status is <StatusBadge status={t.status} />.
          </div>
        ) : null}
        {failure ? (
          <div className="alert error" role="alert" data-testid="start-error">
            {failure.message}
            {failure.hint ? <div className="muted">{failure.hint}</div> : null}
          </div>
        ) : null}
        <div className="toolbar">
          <ApiCallPreview task={t} />
          <span className="field-help">The same task as one API request or CLI command, for scripts.</span>
        </div>
        <label className="confirm">
          <input type="checkbox" name="confirm" checked={confirmed} onChange={(e) => setConfirmed(e.target.checked)} />
          I have reviewed the configuration and the warnings. Starting the task reads the source database and writes to topic{' '}
          <span className="mono">{t.config.destination.topic}</span>.
        </label>
        {footerSlot
          ? createPortal(
              <button className="btn btn-primary" data-testid="buy-and-start" disabled={!confirmed || !parsed.success || start.isPending} onClick={() => start.mutate({ id: t.id })}>
                {start.isPending ? 'Starting…' : 'Buy and Start'}
              </button>,
              footerSlot,
            )
          : null}
      </div>
    </div>
  );
}
