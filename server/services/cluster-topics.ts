import type { ClusterTopicsInput, CreateTopicInput } from '../model/cluster-topics';
import type { KafkaConnection } from '../model/kafka-destination';
import { sameKafkaTarget } from '../model/saved-instance';
import { createClusterTopic, listClusterTopics, type ClusterTopic, type ClusterTopics } from '../kafka/topic-admin';
import { kafkaInstanceForConnector } from '../store/instance-repository';
import { loadTaskForConnectors } from '../store/task-repository';

/**
 * The destination cluster's topics for the wizard (list, Create Topic), over the connection typed
 * in step 1. A blank password is filled from the picked saved instance or the saved draft — on the
 * server, and only when the brokers and account are that instance's or that draft's, so a stored
 * password is never sent to a cluster the user just typed in.
 */
export async function resolveConnection(input: ClusterTopicsInput): Promise<KafkaConnection> {
  const conn = input.connection;
  if (conn.password || conn.connectionMethod !== 'scram-sha-256') return conn;
  if (input.instanceId) {
    const inst = await kafkaInstanceForConnector(input.instanceId);
    if (sameKafkaTarget(inst.settings, conn)) return { ...conn, password: inst.settings.password };
  }
  if (input.taskId) {
    const stored = (await loadTaskForConnectors(input.taskId)).destination;
    if (sameKafkaTarget(stored, conn)) return { ...conn, password: stored.password };
  }
  return conn;
}

export async function listTopics(input: ClusterTopicsInput): Promise<ClusterTopics> {
  return listClusterTopics(await resolveConnection(input));
}

export async function createTopic(input: CreateTopicInput): Promise<ClusterTopic> {
  return createClusterTopic(await resolveConnection(input), input.topic);
}
