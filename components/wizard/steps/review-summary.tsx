import { COMPLETE_CHARSETS, WRITE_CHARSET_LABELS } from '@/server/model/write-charset';
import { deadLetterTopicOf } from '@/server/model/task-advanced';
import { CONFLICT_MODE_LABEL, DATA_FORMAT_LABEL, PARTITION_POLICY_LABEL, type TaskConfig } from '@/server/model/task-config';
import { INSTANCE_CAPS } from '@/server/model/task-instance-class';
import { ObjectMapper } from '@/server/model/task-mapping';
import { OPERATIONS } from '@/server/model/task-objects';
import { ALERT_RULES, ALERT_RULE_LABEL } from '@/server/model/task-monitoring';
import type { OracleSourceView } from '@/server/model/oracle-source';

const n = (v: number) => v.toLocaleString('en-US');

interface ViewConfig {
  source: OracleSourceView;
  destination: { brokers: string[]; kafkaVersion: string; connectionMethod: string; username: string; password: string; tls: boolean; topic: string; ddlTopic: string; schemaRegistry: { enabled: boolean; url: string } };
  resourceGroup?: unknown;
}

function Rows({ rows }: { rows: [string, React.ReactNode][] }) {
  return (
    <table className="data summary">
      <tbody>
        {rows.map(([k, v]) => (
          <tr key={k}>
            <th>{k}</th>
            <td>{v}</td>
          </tr>
        ))}
      </tbody>
    </table>
  );
}

/** The whole task, read-only, in the order the wizard asked for it. */
export function ConfigSummary({ id, name, status, config, parsed }: { id: string; name: string; status: React.ReactNode; config: ViewConfig; parsed: TaskConfig | null }) {
  const src = config.source;
  const dst = config.destination;
  const types = parsed ? [parsed.migrationTypes.schema && 'Schema Migration', parsed.migrationTypes.full && 'Full Data Migration', parsed.migrationTypes.incremental && 'Incremental Data Migration'].filter(Boolean).join(', ') : '—';
  const cls = parsed?.instanceClass;
  return (
    <div className="card" data-testid="review-summary">
      <h2>Task Configuration</h2>
      <h3>Basic Information</h3>
      <Rows
        rows={[
          ['Task Name', name],
          ['Task ID', <span key="id" className="mono">{id}</span>],
          ['Status', status],
          ['Resource Group', typeof config.resourceGroup === 'string' ? config.resourceGroup : 'default resource group'],
          ['Instance Class', cls ? `${cls} (up to ${n(INSTANCE_CAPS[cls].rps)} records/s, ${n(INSTANCE_CAPS[cls].mbps)} MB/s)` : '—'],
        ]}
      />
      <h3>Source Database</h3>
      <Rows
        rows={[
          ['Database Type', 'Oracle'],
          ['Host and Port', <span key="h" className="mono">{src.host}:{src.port}</span>],
          [src.kind === 'sid' ? 'SID (Non-RAC Instance)' : 'Service Name (RAC or PDB Instance)', <span key="d" className="mono">{src.database}</span>],
          ...(src.pdb ? [['PDB Name', <span key="pdb" className="mono" data-testid="source-pdb">{src.pdb}</span>] as [string, React.ReactNode]] : []),
          ['Database Account', <span key="u" className="mono">{src.user}</span>],
          ['Database Password', <span key="p" data-testid="source-password-state">{src.password}</span>],
          ['Encryption', src.encryption === 'tls' ? `TLS (TCPS)${src.walletLocation ? `, wallet ${src.walletLocation}` : ''}${src.walletPassword === 'set' ? ', wallet password set' : ''}` : 'Non-encrypted (TCP)'],
        ]}
      />
      <h3>Destination Database</h3>
      <Rows
        rows={[
          ['Database Type', `Kafka ${dst.kafkaVersion}`],
          ['Brokers', <span key="b" className="mono">{dst.brokers.join(', ')}</span>],
          ['Connection Method', dst.connectionMethod === 'plaintext' ? 'Non-encrypted' : `SCRAM-SHA-256 as ${dst.username}, password ${dst.password}`],
          ['Encryption (TLS)', dst.tls ? 'Yes' : 'No'],
          ['Topic', <span key="t" className="mono">{dst.topic}</span>],
          ['Topic That Stores DDL Information', dst.ddlTopic ? <span key="dt" className="mono">{dst.ddlTopic}</span> : `— (DDL goes to ${dst.topic})`],
          ['Use Kafka Schema Registry', dst.schemaRegistry.enabled ? `Yes, ${dst.schemaRegistry.url}` : 'No'],
        ]}
      />
      {parsed ? (
        <>
          <h3>Objects</h3>
          <Rows
            rows={[
              ['Migration Types', types],
              ['Processing Mode of Conflicting Tables', CONFLICT_MODE_LABEL[parsed.conflictMode]],
              ['Data Format in Kafka', DATA_FORMAT_LABEL[parsed.dataFormat]],
              ['Policy for shipping data to Kafka partitions', PARTITION_POLICY_LABEL[parsed.partitionPolicy]],
            ]}
          />
          <ObjectsTable config={parsed} />
          <h3>Advanced Settings</h3>
          <AdvancedRows config={parsed} />
        </>
      ) : null}
    </div>
  );
}

function ObjectsTable({ config }: { config: TaskConfig }) {
  const m = new ObjectMapper(config.objects);
  const ops = (o: readonly string[]) => (o.length === OPERATIONS.length ? 'All' : o.join(', '));
  return (
    <table className="data" data-testid="review-objects" style={{ marginTop: 12 }}>
      <thead>
        <tr><th>Source Object</th><th>Name in Kafka</th><th>Filter Conditions</th><th>Incremental Operations</th></tr>
      </thead>
      <tbody>
        {config.objects.schemas.flatMap((s) => [
          <tr key={s.name}>
            <td className="mono">{s.name} {s.all ? <span className="badge">whole schema</span> : null}</td>
            <td className="mono">{m.schema(s.name)}</td>
            <td className="muted">—</td>
            <td>{ops(s.operations)}</td>
          </tr>,
          ...s.tables.map((t) => (
            <tr key={`${s.name}.${t.name}`} data-ref={`${s.name}.${t.name}`}>
              <td className="mono" style={{ paddingLeft: 28 }}>{s.name}.{t.name}</td>
              <td className="mono">{(({ owner, table }) => `${owner}.${table}`)(m.table(s.name, t.name))}</td>
              <td className="mono">{t.filter || <span className="muted">—</span>}</td>
              <td>{ops(m.operations(s.name, t.name))}</td>
            </tr>
          )),
        ])}
      </tbody>
      {config.objects.batchRules.length > 0 ? (
        <tfoot>
          <tr>
            <td colSpan={4} className="muted">
              Batch rules: {config.objects.batchRules.map((r) => `${r.target} ${r.match} → ${r.case}${r.prefix ? `, prefix ${r.prefix}` : ''}${r.suffix ? `, suffix ${r.suffix}` : ''}`).join('; ')}
            </td>
          </tr>
        </tfoot>
      ) : null}
    </table>
  );
}

function AdvancedRows({ config }: { config: TaskConfig }) {
  const a = config.advanced;
  const full = a.fullThrottle;
  const inc = a.incrementalThrottle;
  return (
    <Rows
      rows={[
        ['Retry Time for Failed Connections', `${a.connectRetryMinutes} minutes`],
        ['Wait time before a retry when other issues occur', `${a.otherRetryMinutes} minutes`],
        ['Throttling for Full Data Migration', full.enabled ? `${n(full.sourceQps)} QPS to the source, ${n(full.rps)} rows/s, ${full.mbps} MB/s` : 'No'],
        ['Throttling for Incremental Data Migration', inc.enabled ? `${n(inc.rps)} records/s, ${inc.mbps} MB/s` : 'No'],
        ['Environment Tag', a.environmentTag || '—'],
        ['Dedicated cluster', a.cluster || 'default'],
        ['Full data migration', `${a.fullParallelism} tables in parallel, ${n(a.chunkSize)} rows per chunk`],
        ['Actual Write Code', COMPLETE_CHARSETS.has(a.writeCharset) ? WRITE_CHARSET_LABELS[a.writeCharset] : `${WRITE_CHARSET_LABELS[a.writeCharset]}; a character it cannot encode: ${a.unencodableCharacters === 'replace' ? 'written as ?' : 'fails the task'}`],
        ['Statements that cannot be parsed', a.unreadableRedo === 'dead-letter' ? `Write to the dead-letter topic ${deadLetterTopicOf(a, config.destination.topic)}` : 'Fail the task'],
        ...monitoringRows(config),
        ['Configure ETL', a.etl.enabled ? <pre className="etl-script" data-testid="review-etl-script" style={{ margin: 0, whiteSpace: 'pre-wrap' }}>{a.etl.script}</pre> : 'No'],
      ]}
    />
  );
}

function monitoringRows(config: TaskConfig): [string, React.ReactNode][] {
  const m = config.monitoring;
  const al = m.alerting;
  const rules = ALERT_RULES.filter((r) => al.rules[r].enabled).map((r) => ALERT_RULE_LABEL[r]);
  const contacts = [...al.webhooks.map((h) => `webhook ${h.url}`), ...al.emails.map((e) => `e-mail ${e}`)];
  return [
    ['Monitoring and Alerting', <span key="ma" data-testid="review-alerting">{al.enabled ? `Yes: ${rules.join(', ') || 'no rule'}; in-app${contacts.length ? `, ${contacts.join(', ')}` : ''}` : 'No'}</span>],
    ['Heartbeat table', m.heartbeat.enabled ? `Yes, every ${m.heartbeat.intervalSeconds} s` : 'No'],
    ['Transaction retention', `${m.transactionRetentionMinutes} minutes; older ones are ${m.autoDropAbandoned ? 'dropped automatically' : 'reported'}`],
  ];
}
