'use client';

import { COMPLETE_CHARSETS, WRITE_CHARSET_LABELS } from '@/server/model/write-charset';
import type { RouterOutputs } from '@/components/trpc/types';
import { advancedSettingsSchema, deadLetterTopicOf } from '@/server/model/task-advanced';
import { CONFLICT_MODE_LABEL, CONFLICT_MODES, DATA_FORMAT_LABEL, DATA_FORMATS, migrationTypesSchema, PARTITION_POLICIES, PARTITION_POLICY_LABEL } from '@/server/model/task-config';
import { INSTANCE_CLASS_LABEL, INSTANCE_CLASSES } from '@/server/model/task-instance-class';
import { objectSelectionSchema } from '@/server/model/task-objects';
import './monitor.css';

type Task = RouterOutputs['task']['get'];

const NOT_SET = <span className="muted">Not configured yet</span>;

function pick<T extends string>(value: unknown, allowed: readonly T[]): T | null {
  return (allowed as readonly unknown[]).includes(value) ? (value as T) : null;
}

/** The task's settings as the wizard saved them (sections of later steps may be missing on a draft). */
export function ConfigSummary({ task }: { task: Task }) {
  const c = task.config as Task['config'] & Record<string, unknown>;
  const src = c.source;
  const dst = c.destination;
  const types = c.migrationTypes === undefined ? null : migrationTypesSchema.safeParse(c.migrationTypes);
  const objects = c.objects === undefined ? null : objectSelectionSchema.safeParse(c.objects);
  const advanced = c.advanced === undefined ? null : advancedSettingsSchema.safeParse(c.advanced);
  const conflict = pick(c.conflictMode, CONFLICT_MODES);
  const format = pick(c.dataFormat, DATA_FORMATS);
  const policy = pick(c.partitionPolicy, PARTITION_POLICIES);
  const instance = pick(c.instanceClass, INSTANCE_CLASSES);

  const left: [string, React.ReactNode][] = [
    ['Source', <span key="s" className="mono">{`Oracle ${src.host}:${src.port} (${src.kind === 'sid' ? 'SID' : 'service'} ${src.database}) as ${src.user} · password ${src.password}`}</span>],
    ['Destination', <span key="d" className="mono">Kafka {dst.brokers.join(',')} ({dst.kafkaVersion})</span>],
    ['Topic', <span key="t" className="mono">{dst.topic}</span>],
    ['Topic That Stores DDL Information', dst.ddlTopic ? <span className="mono">{dst.ddlTopic}</span> : <span className="muted">same as Topic</span>],
    ['Connection Method', dst.connectionMethod === 'plaintext' ? `Non-encrypted${dst.tls ? ' + TLS' : ''}` : `SCRAM-SHA-256 as ${dst.username} · password ${dst.password}${dst.tls ? ' + TLS' : ''}`],
    ['Use Kafka Schema Registry', dst.schemaRegistry.enabled ? <span className="mono">{dst.schemaRegistry.url}</span> : 'No'],
  ];
  const right: [string, React.ReactNode][] = [
    ['Migration Types', types?.success ? [types.data.schema && 'Schema Migration', types.data.full && 'Full Data Migration', types.data.incremental && 'Incremental Data Migration'].filter(Boolean).join(', ') : NOT_SET],
    ['Processing Mode of Conflicting Tables', conflict ? CONFLICT_MODE_LABEL[conflict] : NOT_SET],
    ['Data Format in Kafka', format ? DATA_FORMAT_LABEL[format] : NOT_SET],
    ['Policy for Shipping Data to Kafka Partitions', policy ? PARTITION_POLICY_LABEL[policy] : NOT_SET],
    ['Selected Objects', objects?.success ? objectsText(objects.data) : NOT_SET],
    ['Advanced Settings', advanced?.success ? advancedText(advanced.data, dst.topic) : NOT_SET],
    ['Instance Class', instance ? INSTANCE_CLASS_LABEL[instance] : NOT_SET],
  ];
  return (
    <div className="card" data-testid="config-summary">
      <h2>Task Configuration</h2>
      <div className="config-grid">
        <Table rows={left} />
        <Table rows={right} />
      </div>
    </div>
  );
}

function Table({ rows }: { rows: [string, React.ReactNode][] }) {
  return (
    <table className="data">
      <tbody>
        {rows.map(([k, v]) => (
          <tr key={k}>
            <th style={{ width: 230, whiteSpace: 'normal' }}>{k}</th>
            <td>{v}</td>
          </tr>
        ))}
      </tbody>
    </table>
  );
}

function objectsText(o: import('@/server/model/task-objects').ObjectSelection): React.ReactNode {
  return (
    <div>
      {o.schemas.map((s) => {
        const renamed = s.tables.filter((t) => t.mappedName).length;
        const filtered = s.tables.filter((t) => t.filter).length;
        const extras = [renamed && `${renamed} renamed`, filtered && `${filtered} filtered`].filter(Boolean).join(', ');
        return (
          <div key={s.name} className="mono">
            {s.name}
            {s.mappedName ? ` → ${s.mappedName}` : ''}: {s.all ? 'all tables' : `${s.tables.length} table${s.tables.length === 1 ? '' : 's'}`}
            {extras ? <span className="muted"> ({extras})</span> : null}
          </div>
        );
      })}
      {o.batchRules.length > 0 ? <div className="muted">{o.batchRules.length} batch rename rule{o.batchRules.length === 1 ? '' : 's'}</div> : null}
    </div>
  );
}

function advancedText(a: import('@/server/model/task-advanced').AdvancedSettings, topic: string): React.ReactNode {
  return (
    <div>
      <div>Retry Time for Failed Connections: {a.connectRetryMinutes} min; other issues: {a.otherRetryMinutes} min</div>
      <div>
        Full throttle: {a.fullThrottle.enabled ? `${a.fullThrottle.sourceQps} QPS, ${a.fullThrottle.rps.toLocaleString('en-US')} RPS, ${a.fullThrottle.mbps} MB/s` : 'off'}; incremental throttle:{' '}
        {a.incrementalThrottle.enabled ? `${a.incrementalThrottle.rps.toLocaleString('en-US')} RPS, ${a.incrementalThrottle.mbps} MB/s` : 'off'}
      </div>
      <div className="muted">
        {a.fullParallelism} tables in parallel, {a.chunkSize.toLocaleString('en-US')} rows per chunk{a.environmentTag ? ` · tag ${a.environmentTag}` : ''} · cluster {a.cluster}
      </div>
      {a.writeCharset !== 'utf8' ? (
        <div>
          Actual Write Code: {WRITE_CHARSET_LABELS[a.writeCharset]}
          {COMPLETE_CHARSETS.has(a.writeCharset) ? '' : a.unencodableCharacters === 'replace' ? ' (characters it lacks written as ?)' : ' (a character it lacks fails the task)'}
        </div>
      ) : null}
      {a.unreadableRedo === 'dead-letter' ? <div>Statements that cannot be parsed: written to the dead-letter topic {deadLetterTopicOf(a, topic)}</div> : null}
      {a.etl.enabled ? (
        <div data-testid="config-etl-script">
          ETL script:
          <pre style={{ margin: '4px 0 0', whiteSpace: 'pre-wrap', fontFamily: 'ui-monospace, Menlo, Consolas, monospace' }}>{a.etl.script}</pre>
        </div>
      ) : (
        <div className="muted">Configure ETL: No</div>
      )}
    </div>
  );
}
