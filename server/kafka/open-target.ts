import { ddlTopicOf } from '../model/kafka-destination';
import { deadLetterTopicOf } from '../model/task-advanced';
import type { OpenedTarget } from '../model/pending-record';
import type { TaskConfig } from '../model/task-config';
import { dtsRegistrySchema } from '../formats';
import { SchemaRegistryClient, valueSubject } from './schema-registry';
import { KafkaTxSink } from './tx-sink';
import { transactionsUnsupported } from './transactions-support';

/**
 * A task's production commit target (the engine's `openTarget` port): the Kafka-transaction sink
 * with the last committed checkpoint and, with the Schema Registry on, the schema ids. Engine
 * tests use an in-memory target instead.
 *
 *   new TaskRunner({ taskId, config, openTarget: openKafkaTarget(config, taskId) })
 */
export function openKafkaTarget(config: TaskConfig, taskId: string, checkpointTopic?: string): () => Promise<OpenedTarget> {
  return async () => {
    const destination = config.destination;
    const unsupported = transactionsUnsupported(destination);
    if (unsupported) throw unsupported;
    const extraTopics = config.advanced.unreadableRedo === 'dead-letter' ? [{ topic: deadLetterTopicOf(config.advanced, destination.topic), field: 'advanced.deadLetterTopic' }] : [];
    const opened = await KafkaTxSink.open({ destination, taskId, extraTopics, ...(checkpointTopic ? { checkpointTopic } : {}) });
    let schemaIds: Record<string, number> | null = null;
    try {
      if (destination.schemaRegistry.enabled) {
        const registry = new SchemaRegistryClient(destination.schemaRegistry.url);
        schemaIds = {};
        for (const topic of new Set([destination.topic, ddlTopicOf(destination)])) schemaIds[topic] = await registry.register(valueSubject(topic), dtsRegistrySchema());
      }
    } catch (e) {
      await opened.sink.close();
      throw e;
    }
    return { target: opened.sink, checkpoint: opened.checkpoint, partitionCounts: opened.partitionCounts, topics: opened.topics, schemaIds, close: () => opened.sink.close() };
  };
}
