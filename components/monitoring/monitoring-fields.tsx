'use client';

import { Field, RadioGroup } from '@/components/ui/field';
import { ALERT_RULE_LABEL, ALERT_RULES, type AlertRule } from '@/server/model/task-monitoring';
import type { MonitoringValues } from './monitoring-values';
import './monitoring.css';

type Rules = MonitoringValues['alerting']['rules'];
type Num = number | string;

/** The thresholds each rule takes, in the words of its sentence: "Latency above [60] s for [5] min". */
const THRESHOLDS: Record<AlertRule, { key: string; before: string; unit: string }[]> = {
  taskFailed: [],
  retrying: [{ key: 'minutes', before: 'for more than', unit: 'min' }],
  latency: [
    { key: 'seconds', before: 'above', unit: 's' },
    { key: 'minutes', before: 'for', unit: 'min' },
  ],
  fullTooLong: [{ key: 'hours', before: 'running longer than', unit: 'h' }],
  logRetention: [{ key: 'hours', before: 'purged within', unit: 'h' }],
  openTransaction: [{ key: 'minutes', before: 'older than', unit: 'min' }],
  verification: [],
};

/**
 * "Monitoring and Alerting" (DTS wizard step 4; off by default): the alert rules with their
 * thresholds, webhook and e-mail contacts, the source heartbeat and the transaction retention.
 * Controlled: the wizard keeps the values in its store, the task page in its own state. `prefix` is
 * the error path of these values ("monitoring"), as the API's schema reports them.
 */
export function MonitoringFields({
  value,
  onChange,
  errors,
  prefix = 'monitoring',
  incremental,
}: {
  value: MonitoringValues;
  onChange(next: MonitoringValues): void;
  errors: Record<string, string>;
  prefix?: string;
  incremental: boolean;
}) {
  const a = value.alerting;
  const setAlerting = (patch: Partial<MonitoringValues['alerting']>) => onChange({ ...value, alerting: { ...a, ...patch } });
  const setRule = (rule: AlertRule, patch: Record<string, unknown>) => setAlerting({ rules: { ...a.rules, [rule]: { ...a.rules[rule], ...patch } } as Rules });
  const err = (path: string) => errors[`${prefix}.${path}`];
  const invalid = (path: string) => (err(path) ? ' invalid' : '');

  return (
    <div className="monitoring-fields" data-testid="monitoring-fields">
      <div className="form-grid long-labels">
        <Field label="Monitoring and Alerting" error={err('alerting.enabled')} help="Alert when the task fails or falls behind: in the console (the bell at the top), by webhook and by e-mail.">
          {() => (
            <RadioGroup
              name={`${prefix}.alerting.enabled`}
              label="Monitoring and Alerting"
              value={a.enabled ? 'yes' : 'no'}
              options={[
                { value: 'no', label: 'No' },
                { value: 'yes', label: 'Yes' },
              ]}
              onChange={(v) => setAlerting({ enabled: v === 'yes' })}
            />
          )}
        </Field>
        {a.enabled ? (
          <>
            <Field label="Alert rules" help="One notification when a rule starts to hold, one when it clears.">
              {() => (
                <div className="alert-rules">
                  {ALERT_RULES.map((rule) => {
                    const r = a.rules[rule] as { enabled: boolean } & Record<string, Num | boolean>;
                    const problems = THRESHOLDS[rule].map((t) => err(`alerting.rules.${rule}.${t.key}`)).filter(Boolean);
                    return (
                      <div key={rule} className="alert-rule" data-rule={rule}>
                        <label className="rule-toggle">
                          <input type="checkbox" name={`${prefix}.alerting.rules.${rule}.enabled`} checked={r.enabled} onChange={(e) => setRule(rule, { enabled: e.target.checked })} />
                          {ALERT_RULE_LABEL[rule]}
                        </label>
                        {THRESHOLDS[rule].map((t) => (
                          <span key={t.key} className="rule-threshold">
                            {t.before}
                            <input
                              aria-label={`${ALERT_RULE_LABEL[rule]}: ${t.before} (${t.unit})`}
                              name={`${prefix}.alerting.rules.${rule}.${t.key}`}
                              className={`input${invalid(`alerting.rules.${rule}.${t.key}`)}`}
                              inputMode="decimal"
                              disabled={!r.enabled}
                              value={String(r[t.key])}
                              onChange={(e) => setRule(rule, { [t.key]: e.target.value })}
                            />
                            {t.unit}
                          </span>
                        ))}
                        {problems.map((p) => (
                          <div key={p} className="field-error" role="alert">
                            {p}
                          </div>
                        ))}
                      </div>
                    );
                  })}
                </div>
              )}
            </Field>
            <Field label="Webhooks" error={err('alerting.webhooks')} help="POST of a JSON alert, signed: X-Ora2Kafka-Signature: sha256=HMAC-SHA256(secret, body). Retried with backoff; every attempt is in the delivery log.">
              {() => (
                <div className="contact-list">
                  {a.webhooks.map((h, i) => (
                    <div key={i} className="contact-row">
                      <input
                        aria-label={`Webhook ${i + 1} URL`}
                        name={`${prefix}.alerting.webhooks.${i}.url`}
                        className={`input${invalid(`alerting.webhooks.${i}.url`)}`}
                        placeholder="https://hooks.example.com/ora2kafka"
                        value={h.url}
                        onChange={(e) => setAlerting({ webhooks: a.webhooks.map((w, j) => (j === i ? { ...w, url: e.target.value } : w)) })}
                      />
                      <input
                        aria-label={`Webhook ${i + 1} secret`}
                        name={`${prefix}.alerting.webhooks.${i}.secret`}
                        type="password"
                        autoComplete="new-password"
                        className={`input${invalid(`alerting.webhooks.${i}.secret`)}`}
                        placeholder="signing secret (blank: keep the stored one)"
                        value={h.secret}
                        onChange={(e) => setAlerting({ webhooks: a.webhooks.map((w, j) => (j === i ? { ...w, secret: e.target.value } : w)) })}
                      />
                      <button type="button" className="btn btn-sm" onClick={() => setAlerting({ webhooks: a.webhooks.filter((_, j) => j !== i) })}>
                        Remove
                      </button>
                      {[err(`alerting.webhooks.${i}.url`), err(`alerting.webhooks.${i}.secret`)].filter(Boolean).map((p) => (
                        <div key={p} className="field-error" role="alert">
                          {p}
                        </div>
                      ))}
                    </div>
                  ))}
                  {a.webhooks.length < 5 ? (
                    <button type="button" className="btn btn-sm" data-testid="add-webhook" onClick={() => setAlerting({ webhooks: [...a.webhooks, { url: '', secret: '' }] })}>
                      Add webhook
                    </button>
                  ) : null}
                </div>
              )}
            </Field>
            <Field label="E-mail contacts" error={err('alerting.emails')} help="Sent through the SMTP server the console is configured with (ORA2KAFKA_SMTP_URL); none is sent without one.">
              {() => (
                <div className="contact-list">
                  {a.emails.map((m, i) => (
                    <div key={i} className="contact-row">
                      <input
                        aria-label={`E-mail contact ${i + 1}`}
                        name={`${prefix}.alerting.emails.${i}`}
                        type="email"
                        className={`input${invalid(`alerting.emails.${i}`)}`}
                        placeholder="dba@example.com"
                        value={m}
                        onChange={(e) => setAlerting({ emails: a.emails.map((x, j) => (j === i ? e.target.value : x)) })}
                      />
                      <button type="button" className="btn btn-sm" onClick={() => setAlerting({ emails: a.emails.filter((_, j) => j !== i) })}>
                        Remove
                      </button>
                      {err(`alerting.emails.${i}`) ? (
                        <div className="field-error" role="alert">
                          {err(`alerting.emails.${i}`)}
                        </div>
                      ) : null}
                    </div>
                  ))}
                  {a.emails.length < 20 ? (
                    <button type="button" className="btn btn-sm" data-testid="add-email" onClick={() => setAlerting({ emails: [...a.emails, ''] })}>
                      Add e-mail contact
                    </button>
                  ) : null}
                </div>
              )}
            </Field>
          </>
        ) : null}

        {incremental || value.heartbeat.enabled ? (
          <>
            <Field
              label="Heartbeat table"
              error={err('heartbeat.enabled')}
              help="The task writes one row of a table in the source account's schema every few seconds, so its checkpoint moves while the selected tables are idle. The precheck creates the table, or gives the GRANT that lets it."
            >
              {() => (
                <RadioGroup
                  name={`${prefix}.heartbeat.enabled`}
                  label="Heartbeat table"
                  value={value.heartbeat.enabled ? 'yes' : 'no'}
                  options={[
                    { value: 'no', label: 'No' },
                    { value: 'yes', label: 'Yes' },
                  ]}
                  onChange={(v) => onChange({ ...value, heartbeat: { ...value.heartbeat, enabled: v === 'yes' } })}
                />
              )}
            </Field>
            {value.heartbeat.enabled ? (
              <Field label="Heartbeat interval" required error={err('heartbeat.intervalSeconds')} help="1–3,600 seconds.">
                {(id) => (
                  <div className="with-unit">
                    <input id={id} name={`${prefix}.heartbeat.intervalSeconds`} className={`input${invalid('heartbeat.intervalSeconds')}`} inputMode="decimal" value={String(value.heartbeat.intervalSeconds)} onChange={(e) => onChange({ ...value, heartbeat: { ...value.heartbeat, intervalSeconds: e.target.value } })} />
                    <span className="unit">seconds</span>
                  </div>
                )}
              </Field>
            ) : null}
            <Field
              label="Transaction retention"
              required
              error={err('transactionRetentionMinutes')}
              help="0–10,080 minutes. A transaction open longer is reported (task log, dashboard, the open-transaction alert); an operator may drop it from the lag explainer (its changes are then not migrated); 0 allows any."
            >
              {(id) => (
                <div className="with-unit">
                  <input id={id} name={`${prefix}.transactionRetentionMinutes`} className={`input${invalid('transactionRetentionMinutes')}`} inputMode="decimal" value={String(value.transactionRetentionMinutes)} onChange={(e) => onChange({ ...value, transactionRetentionMinutes: e.target.value })} />
                  <span className="unit">minutes</span>
                </div>
              )}
            </Field>
            <Field
              label="Drop transactions older than the retention"
              error={err('autoDropAbandoned')}
              help="Yes: an abandoned transaction (open longer than the retention) is dropped automatically with a warning naming it, so the restart position and the archived logs it needs stop growing; its changes are not migrated. No: it is only reported."
            >
              {() => (
                <RadioGroup
                  name={`${prefix}.autoDropAbandoned`}
                  label="Drop transactions older than the retention"
                  value={value.autoDropAbandoned ? 'yes' : 'no'}
                  options={[
                    { value: 'no', label: 'No, report them' },
                    { value: 'yes', label: 'Yes, drop them' },
                  ]}
                  onChange={(v) => onChange({ ...value, autoDropAbandoned: v === 'yes' })}
                />
              )}
            </Field>
          </>
        ) : null}
      </div>
    </div>
  );
}
