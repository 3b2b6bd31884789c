import type { Admin } from 'kafkajs';
import { ddlTopicOf, type KafkaDestination } from '../model/kafka-destination';
import { createKafka, principalOf, type ClientOptions } from './client';
import { fromKafkaJs, kafkaJsType, KafkaNotAuthorizedError, KafkaTopicMissingError, KafkaTopicNotReadyError, KafkaUnreachableError } from './errors';
import { checkSchemaRegistry } from './schema-registry';

/**
 * "Test Connectivity" for the destination: reach a broker, authenticate, read cluster metadata,
 * confirm the topic and the DDL topic exist (reporting partition counts) and, when enabled, that the
 * Schema Registry answers. The first failure is thrown as a KafkaError subclass with its own code:
 * KAFKA_UNREACHABLE, KAFKA_AUTH_FAILED, KAFKA_PROTOCOL_MISMATCH, KAFKA_TOPIC_MISSING,
 * KAFKA_NOT_AUTHORIZED, SCHEMA_REGISTRY_UNREACHABLE.
 */

export interface TopicReport {
  role: 'data' | 'ddl';
  name: string;
  partitions: number;
}

export interface ConnectivityReport {
  clusterId: string;
  brokers: { nodeId: number; host: string; port: number }[];
  topics: TopicReport[];
  schemaRegistry: { url: string; subjects: number } | null;
  elapsedMs: number;
}

export interface ConnectivityOptions extends ClientOptions {
  /** Upper bound for the whole check (default 20 s). */
  timeoutMs?: number;
}

export async function testConnectivity(d: KafkaDestination, opts: ConnectivityOptions = {}): Promise<ConnectivityReport> {
  const t0 = Date.now();
  const timeoutMs = opts.timeoutMs ?? 20_000;
  const kafka = createKafka(d, {
    clientId: 'ora2kafka-connectivity',
    connectionTimeoutMs: Math.min(5000, timeoutMs),
    requestTimeoutMs: Math.min(10_000, timeoutMs),
    retry: { retries: 1, initialRetryTime: 200, maxRetryTime: 1000 },
    ...opts,
  });
  const admin = kafka.admin();
  const ctx = { brokers: d.brokers, username: d.username };
  let timer: NodeJS.Timeout | undefined;
  const deadline = new Promise<never>((_, reject) => {
    timer = setTimeout(() => reject(new KafkaUnreachableError(d.brokers, `no answer within ${Math.round(timeoutMs / 1000)} s`)), timeoutMs);
  });
  try {
    const report = await Promise.race([checkCluster(admin, d), deadline]);
    if (d.schemaRegistry.enabled) {
      const subjects = await checkSchemaRegistry(d.schemaRegistry.url, { timeoutMs: Math.min(5000, timeoutMs) });
      report.schemaRegistry = { url: d.schemaRegistry.url, subjects: subjects.length };
    }
    report.elapsedMs = Date.now() - t0;
    return report;
  } catch (e) {
    throw fromKafkaJs(e, ctx) ?? e;
  } finally {
    clearTimeout(timer);
    await admin.disconnect().catch(() => undefined);
  }
}

async function checkCluster(admin: Admin, d: KafkaDestination): Promise<ConnectivityReport> {
  await admin.connect();
  const cluster = await admin.describeCluster();
  const topics: TopicReport[] = [{ role: 'data', name: d.topic, partitions: await partitionCount(admin, d.topic, { principal: principalOf(d), field: 'topic' }) }];
  const ddl = ddlTopicOf(d);
  if (ddl !== d.topic) topics.push({ role: 'ddl', name: ddl, partitions: await partitionCount(admin, ddl, { principal: principalOf(d), field: 'ddlTopic' }) });
  return { clusterId: cluster.clusterId, brokers: cluster.brokers, topics, schemaRegistry: null, elapsedMs: 0 };
}

/** Partition count of an existing topic; a missing or hidden topic throws its own error. */
export async function partitionCount(
  admin: Admin,
  topic: string,
  { principal = 'ANONYMOUS', field = 'topic' }: { principal?: string; field?: string } = {},
): Promise<number> {
  try {
    const md = await admin.fetchTopicMetadata({ topics: [topic] });
    const t = md.topics.find((x) => x.name === topic);
    if (!t || t.partitions.length === 0) throw new KafkaTopicMissingError(topic, field);
    return t.partitions.length;
  } catch (e) {
    if (e instanceof KafkaTopicMissingError) throw e;
    const type = kafkaJsType(e);
    if (type === 'UNKNOWN_TOPIC_OR_PARTITION') throw new KafkaTopicMissingError(topic, field);
    if (type === 'TOPIC_AUTHORIZATION_FAILED') throw new KafkaNotAuthorizedError(`describe topic "${topic}"`, principal, field, e);
    throw e;
  }
}

/**
 * Create a topic if it is absent (tests and the demo; the product itself never creates topics), then
 * wait until every partition has a leader. kafkajs's own `waitForLeaders` gives up when the broker's
 * metadata still says UNKNOWN_TOPIC_OR_PARTITION, which KRaft brokers do for a moment after creation.
 */
export async function ensureTopic(admin: Admin, topic: string, partitions: number, configs: Record<string, string> = {}, timeoutMs = 15_000): Promise<boolean> {
  let created = false;
  if (!(await admin.listTopics()).includes(topic)) {
    try {
      created = await admin.createTopics({
        topics: [{ topic, numPartitions: partitions, replicationFactor: 1, configEntries: Object.entries(configs).map(([name, value]) => ({ name, value })) }],
        waitForLeaders: false,
      });
    } catch (e) {
      if (kafkaJsType(e) !== 'TOPIC_ALREADY_EXISTS') throw e;
    }
  }
  const started = Date.now();
  // What the broker said last, for the error when the wait ends: a timeout that names it can be told from a hang.
  let lastSeen = 'nothing yet';
  for (;;) {
    try {
      const md = await admin.fetchTopicMetadata({ topics: [topic] });
      const parts = md.topics[0]?.partitions ?? [];
      if (parts.length > 0 && parts.every((p) => p.leader >= 0)) return created;
      lastSeen = `${parts.length} partition(s), leaders ${JSON.stringify(parts.map((p) => p.leader))}`;
    } catch (e) {
      const type = kafkaJsType(e);
      if (type !== 'UNKNOWN_TOPIC_OR_PARTITION' && type !== 'LEADER_NOT_AVAILABLE') throw e;
      lastSeen = type;
    }
    if (Date.now() - started > timeoutMs) throw new KafkaTopicNotReadyError(topic, 'topic', Date.now() - started, `${lastSeen}; ${created ? 'created by this call' : 'it existed before'}`);
    await new Promise((r) => setTimeout(r, 50));
  }
}
