import { ALERT_RULE_LABEL, ALERT_RULES } from './task-monitoring';

/**
 * The label the wizard shows for each field of a task, by the field's dotted path — so a message
 * about a whole task (the review step's list, a refused request) names fields as people see them,
 * never by their keys:
 *
 *   fieldLabel('advanced.otherRetryMinutes') → 'Advanced Settings › The wait time before a retry when other issues occur'
 *   fieldLabel('objects.schemas.0.tables.1.filter', objects) → 'Configure Objects › HR.EMPLOYEES › Filter Conditions'
 */
const MONITORING = 'Advanced Settings › Monitoring and Alerting';

const LABELS: Record<string, string> = {
  name: 'Task Name',
  'source.host': 'Source Database › Host',
  'source.port': 'Source Database › Port Number',
  'source.kind': 'Source Database › Oracle Type',
  'source.database': 'Source Database › SID or Service Name',
  'source.user': 'Source Database › Database Account',
  'source.password': 'Source Database › Database Password',
  'source.pdb': 'Source Database › PDB Name',
  'source.racNodes': 'Source Database › RAC Instance Addresses',
  'source.encryption': 'Source Database › Encryption',
  'source.walletLocation': 'Source Database › Wallet Folder',
  'source.walletPassword': 'Source Database › Wallet Password',
  'source.serverCertDn': 'Source Database › Server Certificate DN',
  'source.serverDnMatch': 'Source Database › Check Server Name',
  'destination.brokers': 'Destination Database › IP Address or Domain Name',
  'destination.port': 'Destination Database › Port Number',
  'destination.kafkaVersion': 'Destination Database › Kafka Version',
  'destination.connectionMethod': 'Destination Database › Connection Method',
  'destination.username': 'Destination Database › Database Account',
  'destination.password': 'Destination Database › Database Password',
  'destination.tls': 'Destination Database › Encryption (TLS)',
  'destination.caPem': 'Destination Database › CA Certificate',
  'destination.topic': 'Destination Database › Topic',
  'destination.ddlTopic': 'Destination Database › Topic That Stores DDL Information',
  'destination.schemaRegistry.enabled': 'Destination Database › Use Kafka Schema Registry',
  'destination.schemaRegistry.url': 'Destination Database › Registry URL',
  migrationTypes: 'Configure Objects › Migration Types',
  conflictMode: 'Configure Objects › Processing Mode of Conflicting Tables',
  dataFormat: 'Configure Objects › Data Format in Kafka',
  partitionPolicy: 'Configure Objects › Policy for shipping data to Kafka partitions',
  objects: 'Configure Objects › Selected Objects',
  'objects.schemas': 'Configure Objects › Selected Objects',
  'objects.batchRules': 'Configure Objects › Batch Edit',
  'advanced.connectRetryMinutes': 'Advanced Settings › Retry Time for Failed Connections',
  'advanced.otherRetryMinutes': 'Advanced Settings › The wait time before a retry when other issues occur',
  'advanced.fullThrottle.enabled': 'Advanced Settings › Enable Throttling for Full Data Migration',
  'advanced.fullThrottle.sourceQps': 'Advanced Settings › Queries per second (QPS) to the source database',
  'advanced.fullThrottle.rps': 'Advanced Settings › RPS of Full Data Migration',
  'advanced.fullThrottle.mbps': 'Advanced Settings › Data migration speed for full migration (MB/s)',
  'advanced.incrementalThrottle.enabled': 'Advanced Settings › Enable Throttling for Incremental Data Migration',
  'advanced.incrementalThrottle.rps': 'Advanced Settings › RPS of Incremental Data Migration',
  'advanced.incrementalThrottle.mbps': 'Advanced Settings › Data migration speed for incremental migration (MB/s)',
  'advanced.fullParallelism': 'Advanced Settings › Tables read in parallel',
  'advanced.chunkSize': 'Advanced Settings › Rows per chunk',
  'advanced.environmentTag': 'Advanced Settings › Environment Tag',
  'advanced.cluster': 'Advanced Settings › Select the dedicated cluster used to schedule the task',
  'advanced.writeCharset': 'Advanced Settings › Actual Write Code',
  'advanced.unencodableCharacters': 'Advanced Settings › Characters that cannot be encoded',
  'advanced.unreadableRedo': 'Advanced Settings › Statements that cannot be parsed',
  'advanced.deadLetterTopic': 'Advanced Settings › Dead-letter topic',
  'monitoring.alerting.enabled': MONITORING,
  ...Object.fromEntries(ALERT_RULES.map((r) => [`monitoring.alerting.rules.${r}`, `${MONITORING} › ${ALERT_RULE_LABEL[r]}`])),
  'monitoring.alerting.webhooks': `${MONITORING} › Webhooks`,
  'monitoring.alerting.emails': `${MONITORING} › E-mail contacts`,
  'monitoring.heartbeat.enabled': `${MONITORING} › Heartbeat table`,
  'monitoring.heartbeat.intervalSeconds': `${MONITORING} › Heartbeat interval`,
  'monitoring.transactionRetentionMinutes': `${MONITORING} › Transaction retention`,
  'monitoring.autoDropAbandoned': `${MONITORING} › Drop transactions older than the retention`,
  'advanced.etl.enabled': 'Advanced Settings › Configure ETL',
  'advanced.etl.script': 'Advanced Settings › ETL script',
  instanceClass: 'Purchase Instance › Instance Class',
  resourceGroup: 'Purchase Instance › Resource Group',
  snapshots: 'Modify Objects › Tables read while migrating',
};

const OBJECT_FIELD: Record<string, string> = {
  name: 'Name',
  mappedName: 'Name in Kafka',
  filter: 'Filter Conditions',
  operations: 'Incremental Operations',
  columns: 'Columns',
  partitionKey: 'Partition Key',
  all: 'Whole schema',
};

interface ObjectNames {
  schemas?: readonly { name?: unknown; tables?: readonly { name?: unknown; columns?: readonly { name?: unknown }[] }[] }[];
}

const nameAt = (v: { name?: unknown } | undefined, fallback: string) => (typeof v?.name === 'string' && v.name ? v.name : fallback);

/** Label of a field path; objects paths name the schema and table when `objects` is given. */
export function fieldLabel(path: string, objects?: unknown): string {
  if (LABELS[path]) return LABELS[path]!;
  const m = /^objects\.schemas\.(\d+)(?:\.tables\.(\d+))?(?:\.columns\.(\d+))?(?:\.(\w+))?/.exec(path);
  if (m) {
    const sel = (objects ?? {}) as ObjectNames;
    const s = sel.schemas?.[Number(m[1])];
    let where = nameAt(s, `schema ${Number(m[1]) + 1}`);
    if (m[2] !== undefined) where += `.${nameAt(s?.tables?.[Number(m[2])], `table ${Number(m[2]) + 1}`)}`;
    if (m[3] !== undefined) where += ` › column ${nameAt(s?.tables?.[Number(m[2])]?.columns?.[Number(m[3])], String(Number(m[3]) + 1))}`;
    return `Configure Objects › ${where}${m[4] && OBJECT_FIELD[m[4]] ? ` › ${OBJECT_FIELD[m[4]]}` : ''}`;
  }
  const b = /^objects\.batchRules\.(\d+)/.exec(path);
  if (b) return `Configure Objects › Batch Edit › rule ${Number(b[1]) + 1}`;
  // A deeper path than any label: the closest labelled parent.
  const parts = path.split('.');
  for (let i = parts.length - 1; i > 0; i--) {
    const parent = parts.slice(0, i).join('.');
    if (LABELS[parent]) return LABELS[parent]!;
  }
  return 'Task';
}

/** "Advanced Settings › Retry Time for Failed Connections: must be a whole number …" — one line per problem. */
export function labelledIssues(issues: readonly { path: string; message: string }[], objects?: unknown): string[] {
  return issues.map((i) => `${fieldLabel(i.path, objects)}: ${i.message}`);
}
