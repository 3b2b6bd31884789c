import type { Admin } from 'kafkajs';
import type { KafkaConnection } from '../model/kafka-destination';
import { createKafka, principalOf } from './client';
import { fromKafkaJs, KafkaError, kafkaJsType, KafkaNotAuthorizedError, KafkaUnreachableError } from './errors';

/**
 * The console's topic picker: the topics of a cluster with their partition counts (internal
 * `__…` topics left out), and creating one with a chosen partition count and replication factor —
 * the wizard's "Create Topic". The migration itself never creates topics.
 *
 *   listClusterTopics(conn) → { clusterId: 'q1Sh…', brokers: 1, topics: [{ name: 'oracle-cdc', partitions: 3, replicationFactor: 1 }] }
 *   createClusterTopic(conn, { name: 'oracle-ddl', partitions: 1, replicationFactor: 1 })
 */

export interface ClusterTopic {
  name: string;
  partitions: number;
  replicationFactor: number;
}

export interface ClusterTopics {
  clusterId: string;
  brokers: number;
  topics: ClusterTopic[];
}

export interface NewTopic {
  name: string;
  partitions: number;
  replicationFactor: number;
}

export class KafkaTopicExistsError extends KafkaError {
  constructor(topic: string) {
    super('KAFKA_TOPIC_EXISTS', `Topic "${topic}" already exists on the Kafka cluster.`, { field: 'name', hint: 'Pick it from the list instead, or choose another name.' });
  }
}

export class KafkaTopicRejectedError extends KafkaError {
  constructor(topic: string, detail: string, field: string, hint: string) {
    super('KAFKA_TOPIC_REJECTED', `The cluster refused to create topic "${topic}": ${detail}`, { field, hint });
  }
}

const TIMEOUT_MS = 15_000;

async function withAdmin<T>(conn: KafkaConnection, fn: (admin: Admin) => Promise<T>): Promise<T> {
  const admin = createKafka(conn, { clientId: 'ora2kafka-topics', connectionTimeoutMs: 5000, requestTimeoutMs: 10_000, retry: { retries: 1, initialRetryTime: 200, maxRetryTime: 1000 } }).admin();
  let timer: NodeJS.Timeout | undefined;
  const deadline = new Promise<never>((_, reject) => {
    timer = setTimeout(() => reject(new KafkaUnreachableError(conn.brokers, `no answer within ${TIMEOUT_MS / 1000} s`)), TIMEOUT_MS);
  });
  try {
    return await Promise.race([
      (async () => {
        await admin.connect();
        return fn(admin);
      })(),
      deadline,
    ]);
  } catch (e) {
    throw fromKafkaJs(e, { brokers: conn.brokers, username: conn.username }) ?? e;
  } finally {
    clearTimeout(timer);
    await admin.disconnect().catch(() => undefined);
  }
}

async function describeAll(admin: Admin, principal: string): Promise<ClusterTopic[]> {
  try {
    const md = await admin.fetchTopicMetadata();
    return md.topics
      .filter((t) => !t.name.startsWith('__'))
      .map((t) => ({ name: t.name, partitions: t.partitions.length, replicationFactor: Math.max(0, ...t.partitions.map((p) => p.replicas.length)) }))
      .sort((a, b) => a.name.localeCompare(b.name));
  } catch (e) {
    if (kafkaJsType(e) === 'TOPIC_AUTHORIZATION_FAILED') throw new KafkaNotAuthorizedError('describe the topics of the cluster', principal, 'username', e);
    throw e;
  }
}

export function listClusterTopics(conn: KafkaConnection): Promise<ClusterTopics> {
  return withAdmin(conn, async (admin) => {
    const cluster = await admin.describeCluster();
    return { clusterId: cluster.clusterId, brokers: cluster.brokers.length, topics: await describeAll(admin, principalOf(conn)) };
  });
}

/** Creates the topic and waits until every partition has a leader, so it can be written at once. */
export function createClusterTopic(conn: KafkaConnection, topic: NewTopic): Promise<ClusterTopic> {
  return withAdmin(conn, async (admin) => {
    const brokers = (await admin.describeCluster()).brokers.length;
    if (topic.replicationFactor > brokers) {
      throw new KafkaTopicRejectedError(topic.name, `a replication factor of ${topic.replicationFactor} needs at least ${topic.replicationFactor} brokers, and the cluster has ${brokers}.`, 'replicationFactor', `Choose a replication factor from 1 to ${brokers}.`);
    }
    try {
      // kafkajs answers false (no error) when the topic already exists.
      const created = await admin.createTopics({ topics: [{ topic: topic.name, numPartitions: topic.partitions, replicationFactor: topic.replicationFactor }], waitForLeaders: false });
      if (!created) throw new KafkaTopicExistsError(topic.name);
    } catch (e) {
      if (e instanceof KafkaTopicExistsError) throw e;
      const type = kafkaJsType(e);
      if (type === 'TOPIC_ALREADY_EXISTS') throw new KafkaTopicExistsError(topic.name);
      if (type === 'TOPIC_AUTHORIZATION_FAILED' || type === 'CLUSTER_AUTHORIZATION_FAILED') {
        throw new KafkaNotAuthorizedError(`create topic "${topic.name}"`, principalOf(conn), 'username', e);
      }
      if (type === 'INVALID_REPLICATION_FACTOR') throw new KafkaTopicRejectedError(topic.name, 'invalid replication factor.', 'replicationFactor', 'Choose a replication factor no larger than the number of brokers.');
      if (type === 'INVALID_PARTITIONS') throw new KafkaTopicRejectedError(topic.name, 'invalid partition count.', 'partitions', 'Choose a partition count from 1 up to what the cluster allows.');
      if (type === 'POLICY_VIOLATION' || type === 'INVALID_CONFIG') throw new KafkaTopicRejectedError(topic.name, (e as Error).message, 'name', 'The cluster\'s topic creation policy refused these settings; ask its administrator.');
      throw e;
    }
    return waitForLeaders(admin, topic);
  });
}

/** KRaft brokers answer UNKNOWN_TOPIC_OR_PARTITION for a moment after creation: poll metadata until every partition has a leader. */
async function waitForLeaders(admin: Admin, topic: NewTopic): Promise<ClusterTopic> {
  const until = Date.now() + 10_000;
  for (;;) {
    try {
      const md = await admin.fetchTopicMetadata({ topics: [topic.name] });
      const parts = md.topics[0]?.partitions ?? [];
      if (parts.length === topic.partitions && parts.every((p) => p.leader >= 0)) return { name: topic.name, partitions: parts.length, replicationFactor: Math.max(...parts.map((p) => p.replicas.length)) };
    } catch (e) {
      const type = kafkaJsType(e);
      if (type !== 'UNKNOWN_TOPIC_OR_PARTITION' && type !== 'LEADER_NOT_AVAILABLE') throw e;
    }
    if (Date.now() > until) return { name: topic.name, partitions: topic.partitions, replicationFactor: topic.replicationFactor };
    await new Promise((r) => setTimeout(r, 50));
  }
}
