'use client';

import { MonitoringFields } from '@/components/monitoring/monitoring-fields';
import { Field, RadioGroup } from '@/components/ui/field';
import { RETRY_LIMITS, THROTTLE_LIMITS } from '@/server/model/task-advanced';
import { COMPLETE_CHARSETS, WRITE_CHARSET_LABELS, WRITE_CHARSETS } from '@/server/model/write-charset';
import type { AdvancedValues } from '../model';
import { useWizardStore } from '../wizard-store';
import { EtlTryIt } from './etl-try-it';

const ETL_EXAMPLE = `-- Statements end with ";". Outside a block they apply to every table.
audit op AS CHANGE_OP;
for HR.EMPLOYEES {
  keep when SALARY >= 1000;
  set FULL_NAME = UPPER(FIRST_NAME || ' ' || LAST_NAME);
  mask EMAIL hash;
  mask PHONE_NUMBER partial(3, 2);
}`;

const n = (v: number) => v.toLocaleString('en-US');
const ENV_TAGS = ['production', 'staging', 'testing', 'development'];

/** Step 4: Advanced Settings — retry windows, throttling per phase, environment tag, Monitoring and Alerting, full-load tuning. */
export function AdvancedStep({ errors }: { errors: Record<string, string> }) {
  const a = useWizardStore((s) => s.values.advanced);
  const types = useWizardStore((s) => s.values.migrationTypes);
  const topic = useWizardStore((s) => s.values.destination.topic);
  const update = useWizardStore((s) => s.update);
  const monitoring = useWizardStore((s) => s.values.monitoring);
  const set = (patch: Partial<AdvancedValues>) => update((v) => ({ ...v, advanced: { ...v.advanced, ...patch } }));
  const setFull = (patch: Partial<AdvancedValues['fullThrottle']>) => set({ fullThrottle: { ...a.fullThrottle, ...patch } });
  const setInc = (patch: Partial<AdvancedValues['incrementalThrottle']>) => set({ incrementalThrottle: { ...a.incrementalThrottle, ...patch } });

  const num = (name: string, value: number | string, onChange: (v: string) => void, unit: string) =>
    function renderNumberInput(id: string) {
      return (
        <div className="with-unit">
          <input id={id} name={name} className={`input${errors[name] ? ' invalid' : ''}`} inputMode="decimal" value={String(value)} onChange={(e) => onChange(e.target.value)} />
          <span className="unit">{unit}</span>
        </div>
      );
    };

  return (
    <div className="card" data-testid="advanced-step">
      <h2>Advanced Settings</h2>
      <div className="form-grid long-labels">
        <Field
          label="Retry Time for Failed Connections"
          required
          error={errors['advanced.connectRetryMinutes']}
          help={`${n(RETRY_LIMITS.connect.min)}–${n(RETRY_LIMITS.connect.max)} minutes, default ${RETRY_LIMITS.connect.default}; more than 30 is advised. If the connection comes back within this time the task resumes, otherwise it fails.`}
        >
          {num('advanced.connectRetryMinutes', a.connectRetryMinutes, (v) => set({ connectRetryMinutes: v }), 'minutes')}
        </Field>
        <Field
          label="The wait time before a retry when other issues occur in the source and destination databases"
          required
          error={errors['advanced.otherRetryMinutes']}
          help={`${n(RETRY_LIMITS.other.min)}–${n(RETRY_LIMITS.other.max)} minutes, default ${RETRY_LIMITS.other.default}; more than 10 is advised. Must be less than Retry Time for Failed Connections.`}
        >
          {num('advanced.otherRetryMinutes', a.otherRetryMinutes, (v) => set({ otherRetryMinutes: v }), 'minutes')}
        </Field>

        <Field label="Enable Throttling for Full Data Migration" error={errors['advanced.fullThrottle.enabled']} help={types.full ? 'Limits the read load on the source and the write load on Kafka during full data migration.' : undefined}>
          {() =>
            types.full || a.fullThrottle.enabled ? (
              <RadioGroup name="advanced.fullThrottle.enabled" label="Enable Throttling for Full Data Migration" value={a.fullThrottle.enabled ? 'yes' : 'no'} options={[{ value: 'no', label: 'No' }, { value: 'yes', label: 'Yes' }]} onChange={(v) => setFull({ enabled: v === 'yes' })} />
            ) : (
              <div className="muted" style={{ paddingTop: 7 }}>Available only when Full Data Migration is selected.</div>
            )
          }
        </Field>
        {a.fullThrottle.enabled ? (
          <>
            <Field label="Queries per second (QPS) to the source database" required error={errors['advanced.fullThrottle.sourceQps']} help={`${n(THROTTLE_LIMITS.sourceQps.min)}–${n(THROTTLE_LIMITS.sourceQps.max)}; each chunk read is one query.`}>
              {num('advanced.fullThrottle.sourceQps', a.fullThrottle.sourceQps, (v) => setFull({ sourceQps: v }), 'QPS')}
            </Field>
            <Field label="RPS of Full Data Migration" required error={errors['advanced.fullThrottle.rps']} help={`${n(THROTTLE_LIMITS.rps.min)}–${n(THROTTLE_LIMITS.rps.max)} rows per second.`}>
              {num('advanced.fullThrottle.rps', a.fullThrottle.rps, (v) => setFull({ rps: v }), 'rows/s')}
            </Field>
            <Field label="Data migration speed for full migration (MB/s)" required error={errors['advanced.fullThrottle.mbps']} help={`${THROTTLE_LIMITS.mbps.min}–${n(THROTTLE_LIMITS.mbps.max)} MB/s.`}>
              {num('advanced.fullThrottle.mbps', a.fullThrottle.mbps, (v) => setFull({ mbps: v }), 'MB/s')}
            </Field>
          </>
        ) : null}

        <Field label="Enable Throttling for Incremental Data Migration" error={errors['advanced.incrementalThrottle.enabled']} help={types.incremental ? 'Limits the write load on Kafka during incremental data migration.' : undefined}>
          {() =>
            types.incremental || a.incrementalThrottle.enabled ? (
              <RadioGroup name="advanced.incrementalThrottle.enabled" label="Enable Throttling for Incremental Data Migration" value={a.incrementalThrottle.enabled ? 'yes' : 'no'} options={[{ value: 'no', label: 'No' }, { value: 'yes', label: 'Yes' }]} onChange={(v) => setInc({ enabled: v === 'yes' })} />
            ) : (
              <div className="muted" style={{ paddingTop: 7 }}>Available only when Incremental Data Migration is selected.</div>
            )
          }
        </Field>
        {a.incrementalThrottle.enabled ? (
          <>
            <Field label="RPS of Incremental Data Migration" required error={errors['advanced.incrementalThrottle.rps']} help={`${n(THROTTLE_LIMITS.rps.min)}–${n(THROTTLE_LIMITS.rps.max)} change records per second.`}>
              {num('advanced.incrementalThrottle.rps', a.incrementalThrottle.rps, (v) => setInc({ rps: v }), 'records/s')}
            </Field>
            <Field label="Data migration speed for incremental migration (MB/s)" required error={errors['advanced.incrementalThrottle.mbps']} help={`${THROTTLE_LIMITS.mbps.min}–${n(THROTTLE_LIMITS.mbps.max)} MB/s.`}>
              {num('advanced.incrementalThrottle.mbps', a.incrementalThrottle.mbps, (v) => setInc({ mbps: v }), 'MB/s')}
            </Field>
          </>
        ) : null}

        <Field
          label="Select the dedicated cluster used to schedule the task"
          error={errors['advanced.cluster']}
          help={'The workers that run the task (ora2kafka worker --cluster NAME). "default" is the cluster of the console\'s own worker; the Workers page lists the clusters and their workers.'}
        >
          {(id) => <input id={id} name="advanced.cluster" className={`input${errors['advanced.cluster'] ? ' invalid' : ''}`} value={a.cluster} placeholder="default" onChange={(e) => set({ cluster: e.target.value })} />}
        </Field>

        <Field label="Environment Tag" error={errors['advanced.environmentTag']} help="Optional, to tell tasks apart by environment, e.g. production or development.">
          {(id) => (
            <>
              <input id={id} name="advanced.environmentTag" list="o2k-env-tags" className={`input${errors['advanced.environmentTag'] ? ' invalid' : ''}`} value={a.environmentTag} onChange={(e) => set({ environmentTag: e.target.value })} />
              <datalist id="o2k-env-tags">{ENV_TAGS.map((t) => <option key={t} value={t} />)}</datalist>
            </>
          )}
        </Field>

        <Field
          label="Actual Write Code"
          error={errors['advanced.writeCharset']}
          help="The character set of text written to Kafka: DTS Avro Character values (their charset field names it) and whole SharePlex JSON messages. Message keys and Avro strings stay UTF-8."
        >
          {(id) => (
            <select id={id} name="advanced.writeCharset" className={`input${errors['advanced.writeCharset'] ? ' invalid' : ''}`} value={a.writeCharset} onChange={(e) => set({ writeCharset: e.target.value as AdvancedValues['writeCharset'] })}>
              {WRITE_CHARSETS.map((c) => (
                <option key={c} value={c}>
                  {WRITE_CHARSET_LABELS[c]}
                </option>
              ))}
            </select>
          )}
        </Field>
        {COMPLETE_CHARSETS.has(a.writeCharset) ? null : (
          <Field
            label="Characters that cannot be encoded"
            error={errors['advanced.unencodableCharacters']}
            help={`${WRITE_CHARSET_LABELS[a.writeCharset]} cannot hold every character (e.g. emoji). Fail the task: it stops and names the table, column and key. Replace: such a character is written as "?" — the value in Kafka then differs from the source.`}
          >
            {() => (
              <RadioGroup
                name="advanced.unencodableCharacters"
                label="Characters that cannot be encoded"
                value={a.unencodableCharacters}
                options={[
                  { value: 'fail', label: 'Fail the task' },
                  { value: 'replace', label: 'Replace with ?' },
                ]}
                onChange={(v) => set({ unencodableCharacters: v as AdvancedValues['unencodableCharacters'] })}
              />
            )}
          </Field>
        )}
      </div>

      {types.incremental ? (
        <>
          <h3>Incremental Data Migration</h3>
          <div className="form-grid long-labels">
            <Field
              label="Statements that cannot be parsed"
              error={errors['advanced.unreadableRedo']}
              help="A change whose redo text the parser cannot read (e.g. LogMiner's unescaped-apostrophe bug). Fail the task: nothing is lost, the task stops and names the change. Dead-letter topic: the change is written there (SQL_REDO, SCN, transaction, table, reason) and migration goes on without it."
            >
              {() => (
                <RadioGroup
                  name="advanced.unreadableRedo"
                  label="Statements that cannot be parsed"
                  value={a.unreadableRedo}
                  options={[
                    { value: 'fail', label: 'Fail the task' },
                    { value: 'dead-letter', label: 'Write to a dead-letter topic' },
                  ]}
                  onChange={(v) => set({ unreadableRedo: v as AdvancedValues['unreadableRedo'] })}
                />
              )}
            </Field>
            {a.unreadableRedo === 'dead-letter' ? (
              <Field label="Dead-letter topic" error={errors['advanced.deadLetterTopic']} help={`Must exist (precheck checks it). Blank: ${topic ? `${topic}-dead-letter` : '<Topic>-dead-letter'}.`}>
                {(id) => (
                  <input id={id} name="advanced.deadLetterTopic" className={`input${errors['advanced.deadLetterTopic'] ? ' invalid' : ''}`} value={a.deadLetterTopic} placeholder={topic ? `${topic}-dead-letter` : ''} onChange={(e) => set({ deadLetterTopic: e.target.value })} />
                )}
              </Field>
            ) : null}
          </div>
        </>
      ) : null}

      <h3>Configure ETL</h3>
      <div className="form-grid long-labels">
        <Field
          label="Configure ETL"
          error={errors['advanced.etl.enabled']}
          help="Transform rows on their way to Kafka, in full and incremental migration alike: keep rows by a condition, set or derive columns, drop or mask columns, add audit columns."
        >
          {() => (
            <RadioGroup
              name="advanced.etl.enabled"
              label="Configure ETL"
              value={a.etl.enabled ? 'yes' : 'no'}
              options={[
                { value: 'no', label: 'No' },
                { value: 'yes', label: 'Yes' },
              ]}
              onChange={(v) => set({ etl: { ...a.etl, enabled: v === 'yes' } })}
            />
          )}
        </Field>
        {a.etl.enabled ? (
          <Field
            label="ETL script"
            required
            error={errors['advanced.etl.script']}
            help={
              <>
                Statements: <code>keep when &lt;condition&gt;</code>, <code>set COL = &lt;expr&gt;</code>, <code>drop COL</code>, <code>mask COL hash</code> | <code>partial(keepStart, keepEnd)</code>,{' '}
                <code>audit op|commit_time|scn|xid AS COL</code>, grouped per table in <code>for OWNER.TABLE {'{ … }'}</code>. Functions: UPPER, LOWER, SUBSTR, CONCAT, ||, TRIM, LENGTH, REPLACE, ROUND, NVL, TO_CHAR, EXTRACT, ADD_MONTHS, CASE WHEN … END. Checked against the selected tables when you go on.
              </>
            }
          >
            {(id) => (
              <textarea
                id={id}
                name="advanced.etl.script"
                className={`input etl-editor${errors['advanced.etl.script'] ? ' invalid' : ''}`}
                spellCheck={false}
                autoCapitalize="off"
                autoCorrect="off"
                rows={12}
                style={{ fontFamily: 'ui-monospace, Menlo, Consolas, monospace', width: '100%', whiteSpace: 'pre', tabSize: 2 }}
                placeholder={ETL_EXAMPLE}
                value={a.etl.script}
                onChange={(e) => set({ etl: { ...a.etl, script: e.target.value } })}
              />
            )}
          </Field>
        ) : null}
      </div>
      {a.etl.enabled ? <EtlTryIt script={a.etl.script} /> : null}

      <h3>Monitoring and Alerting</h3>
      <MonitoringFields value={monitoring} onChange={(m) => update((v) => ({ ...v, monitoring: m }))} errors={errors} incremental={types.incremental} />

      <h3>Full Data Migration Tuning</h3>
      <div className="form-grid long-labels">
        <Field label="Tables read in parallel" required error={errors['advanced.fullParallelism']} help="1–32 tables at the same time during full data migration.">
          {num('advanced.fullParallelism', a.fullParallelism, (v) => set({ fullParallelism: v }), 'tables')}
        </Field>
        <Field label="Rows per chunk" required error={errors['advanced.chunkSize']} help="100–100,000 rows per keyset read; each chunk is one query and one checkpoint.">
          {num('advanced.chunkSize', a.chunkSize, (v) => set({ chunkSize: v }), 'rows')}
        </Field>
      </div>
    </div>
  );
}
