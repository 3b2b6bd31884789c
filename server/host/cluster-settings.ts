import { ValidationError } from '../model/errors';
import { clusterNameSchema, DEFAULT_CLUSTER } from '../model/cluster';
import { kafkaDestinationSchema } from '../model/kafka-destination';
import { metadataDatabase } from '../store/database-url';
import type { WorkerOptions } from './worker';

/**
 * Cluster mode from the environment. It is on when the metadata is in PostgreSQL and
 * ORA2KAFKA_GROUP_BROKERS names the Kafka cluster whose group coordinator the workers share:
 *
 *   DATABASE_URL=postgresql://o2k:…@db1:5432/ora2kafka
 *   ORA2KAFKA_GROUP_BROKERS=10.0.0.5:9092            (ORA2KAFKA_GROUP_USERNAME/_PASSWORD for SCRAM-SHA-256)
 *   ORA2KAFKA_WORKER_SESSION_TIMEOUT_MS=10000        (a silent worker's tasks move after this; broker minimum 6000)
 *   ORA2KAFKA_WORKER_REBALANCE_TIMEOUT_MS=60000
 *   ORA2KAFKA_CONSOLE_WORKER=default | none          (the console's embedded worker's cluster, or none)
 *
 * Otherwise (the default: SQLite) the console runs every task itself in one process, as before.
 */
export type ClusterSettings = Pick<WorkerOptions, 'group' | 'sessionTimeoutMs' | 'rebalanceTimeoutMs'>;

type Env = Record<string, string | undefined>;

export function clusterMode(env: Env = process.env): boolean {
  return metadataDatabase(env).provider === 'postgresql' && Boolean(env.ORA2KAFKA_GROUP_BROKERS?.trim());
}

/** The workers' group settings; `brokers` (the CLI's --brokers) wins over ORA2KAFKA_GROUP_BROKERS. */
export function clusterSettings(env: Env = process.env, brokers?: string): ClusterSettings {
  if (metadataDatabase(env).provider !== 'postgresql') {
    throw new ValidationError('DATABASE_URL', 'Workers share the console\'s metadata database, which must be PostgreSQL for a cluster (the embedded SQLite file belongs to one process).', 'Set DATABASE_URL=postgresql://user:password@host:5432/ora2kafka for the console and every worker.');
  }
  const list = brokers ?? env.ORA2KAFKA_GROUP_BROKERS ?? '';
  if (!list.trim()) {
    throw new ValidationError('ORA2KAFKA_GROUP_BROKERS', 'The workers of a cluster coordinate through a Kafka group, and no Kafka cluster is named for it.', 'Set ORA2KAFKA_GROUP_BROKERS=host:9092 (or pass --brokers host:9092); any Kafka 0.11+ cluster the workers can reach will do, usually the destination one.');
  }
  const username = env.ORA2KAFKA_GROUP_USERNAME?.trim() ?? '';
  const parsed = kafkaDestinationSchema.safeParse({ brokers: list, topic: 'unused', ...(username ? { connectionMethod: 'scram-sha-256', username, password: env.ORA2KAFKA_GROUP_PASSWORD ?? '' } : {}) });
  if (!parsed.success) throw new ValidationError('ORA2KAFKA_GROUP_BROKERS', `ORA2KAFKA_GROUP_BROKERS "${list}": ${parsed.error.issues[0]?.message}`, 'Use host:port entries separated by commas, e.g. 10.0.0.5:9092,10.0.0.6:9092.');
  return {
    group: parsed.data,
    sessionTimeoutMs: msFrom(env, 'ORA2KAFKA_WORKER_SESSION_TIMEOUT_MS', 10_000, 1000, 300_000),
    rebalanceTimeoutMs: msFrom(env, 'ORA2KAFKA_WORKER_REBALANCE_TIMEOUT_MS', 60_000, 1000, 600_000),
  };
}

/** The cluster the console's embedded worker joins (default "default"), or null for a console that only controls. */
export function consoleWorkerCluster(env: Env = process.env): string | null {
  const v = env.ORA2KAFKA_CONSOLE_WORKER?.trim().toLowerCase();
  if (v === 'none' || v === 'off' || v === '0') return null;
  return parseCluster(v || DEFAULT_CLUSTER, 'ORA2KAFKA_CONSOLE_WORKER');
}

export function parseCluster(name: string, field = '--cluster'): string {
  const r = clusterNameSchema.safeParse(name);
  if (!r.success) throw new ValidationError(field, `Cluster "${name}": ${r.error.issues[0]?.message}`, 'Name the cluster as tasks name it in Advanced Settings ("Select the dedicated cluster used to schedule the task").');
  return r.data;
}

function msFrom(env: Env, name: string, fallback: number, min: number, max: number): number {
  const raw = env[name]?.trim();
  if (!raw) return fallback;
  const n = Number(raw);
  if (!Number.isInteger(n) || n < min || n > max) throw new ValidationError(name, `${name}=${raw} must be a whole number of milliseconds from ${min} to ${max}.`, `Unset it for the default (${fallback}).`);
  return n;
}
