'use client';

import { useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import { useState } from 'react';
import { Refusable } from '@/components/auth/access-context';
import { MonitoringFields } from '@/components/monitoring/monitoring-fields';
import { monitoringFromStored, type MonitoringValues } from '@/components/monitoring/monitoring-values';
import { describeApiError } from '@/components/trpc/error-message';
import { useTRPC } from '@/components/trpc/provider';
import { formatDateTime } from '@/components/ui/format';
import { ALERT_RULE_LABEL, ALERT_RULES } from '@/server/model/task-monitoring';
import type { TaskStatus } from '@/server/model/task-status';
import './monitor.css';

/**
 * The task page's Monitoring and Alerting: the rules in force (editable by operators at any time
 * but Released; a running task applies them at its next evaluation), and every fired and resolved
 * alert of the task with its deliveries (webhook attempts, e-mail).
 */
export function AlertingPanel({ taskId, status, incremental }: { taskId: string; status: TaskStatus; incremental: boolean }) {
  const trpc = useTRPC();
  const qc = useQueryClient();
  const settings = useQuery(trpc.alert.settings.queryOptions({ taskId }));
  const history = useQuery({ ...trpc.alert.history.queryOptions({ taskId, limit: 100 }), refetchInterval: 5000 });
  const [draft, setDraft] = useState<MonitoringValues | null>(null);
  const save = useMutation(
    trpc.alert.saveSettings.mutationOptions({
      onSuccess: async () => {
        setDraft(null);
        await qc.invalidateQueries({ queryKey: trpc.alert.settings.queryKey({ taskId }) });
      },
    }),
  );
  const failure = save.isError ? describeApiError(save.error) : null;
  const s = settings.data;
  const rules = s ? ALERT_RULES.filter((r) => s.alerting.rules[r].enabled).map((r) => ALERT_RULE_LABEL[r]) : [];

  return (
    <div className="card" data-testid="alerting-panel">
      <div className="section-head">
        <h2>Monitoring and Alerting</h2>
        {draft === null && status !== 'Released' ? (
          <Refusable path="alert.saveSettings">
            {(refused) => (
              <button
                className="btn"
                data-testid="edit-alerting"
                disabled={refused || !s}
                onClick={() => {
                  save.reset();
                  setDraft(monitoringFromStored(s));
                }}
              >
                Edit
              </button>
            )}
          </Refusable>
        ) : null}
      </div>
      {settings.isError ? <div className="alert error">Could not load the alert settings: {settings.error.message}</div> : null}
      {draft ? (
        <form
          onSubmit={(e) => {
            e.preventDefault();
            save.mutate({ taskId, monitoring: draft as unknown as Record<string, unknown> });
          }}
        >
          {failure ? (
            <div className="alert error" role="alert">
              {failure.message}
              {failure.hint ? <div className="muted">{failure.hint}</div> : null}
            </div>
          ) : null}
          <MonitoringFields value={draft} onChange={setDraft} errors={failure?.fields ?? {}} incremental={incremental} />
          <div style={{ display: 'flex', gap: 8, marginTop: 12 }}>
            <button className="btn btn-primary" type="submit" disabled={save.isPending} data-testid="save-alerting">
              {save.isPending ? 'Saving…' : 'Save'}
            </button>
            <button className="btn" type="button" onClick={() => setDraft(null)}>
              Cancel
            </button>
          </div>
        </form>
      ) : s ? (
        <dl className="kv" data-testid="alerting-summary">
          <dt>Alerting</dt>
          <dd>{s.alerting.enabled ? `On: ${rules.join(', ') || 'no rule'}` : 'Off'}</dd>
          {s.alerting.enabled ? (
            <>
              <dt>Contacts</dt>
              <dd>{['in-app (the bell)', ...s.alerting.webhooks.map((h) => `webhook ${h.url}${h.secret === 'set' ? ' (signed)' : ''}`), ...s.alerting.emails].join(', ')}</dd>
            </>
          ) : null}
          <dt>Heartbeat</dt>
          <dd>{s.heartbeat.enabled ? `every ${s.heartbeat.intervalSeconds} s` : 'Off'}</dd>
          <dt>Transaction retention</dt>
          <dd>
            {s.transactionRetentionMinutes} minutes; older ones are {s.autoDropAbandoned ? 'dropped automatically' : 'reported'}
          </dd>
        </dl>
      ) : null}

      <h3>Alert history</h3>
      <table className="data" data-testid="alert-history">
        <thead>
          <tr>
            <th style={{ width: 170 }}>Time</th>
            <th style={{ width: 90 }}>Event</th>
            <th style={{ width: 220 }}>Rule</th>
            <th>Message</th>
            <th>Deliveries</th>
          </tr>
        </thead>
        <tbody>
          {(history.data ?? []).map((e) => (
            <tr key={e.id} data-kind={e.kind} data-rule={e.rule}>
              <td className="mono" style={{ fontSize: 12 }}>{formatDateTime(e.time)}</td>
              <td>
                <span className={`badge ${e.kind === 'fired' ? (e.resolved ? 'warn' : 'err') : 'ok'}`}>{e.kind === 'fired' ? (e.resolved ? 'fired (resolved)' : 'fired') : 'resolved'}</span>
              </td>
              <td>{ALERT_RULE_LABEL[e.rule] ?? e.rule}</td>
              <td style={{ whiteSpace: 'pre-wrap', wordBreak: 'break-word' }}>{e.message}</td>
              <td style={{ fontSize: 12 }}>
                {e.deliveries.length === 0
                  ? 'in-app'
                  : e.deliveries.map((d, i) => (
                      <div key={i}>
                        {d.channel} #{d.attempt} {d.outcome}
                        {d.detail ? ` (${d.detail})` : ''}
                      </div>
                    ))}
              </td>
            </tr>
          ))}
          {history.data && history.data.length === 0 ? (
            <tr>
              <td colSpan={5} className="muted" style={{ textAlign: 'center', padding: 24 }}>
                No alerts yet.
              </td>
            </tr>
          ) : null}
        </tbody>
      </table>
    </div>
  );
}
