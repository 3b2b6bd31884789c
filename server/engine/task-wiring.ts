import { EngineError } from '../model/errors';
import { ddlTopicOf } from '../model/kafka-destination';
import type { TaskConfig } from '../model/task-config';
import { createFormat, dtsRegistrySchema, type Format } from '../formats';
import { SchemaRegistryClient, valueSubject } from '../kafka/schema-registry';
import type { OracleGateway } from '../oracle/gateway';
import { openGateway, poolSizeFor } from '../oracle/open-gateway';
import { KafkaTxSink } from './sink/kafka-tx-sink';
import type { CommitTarget, TaskCheckpoint } from './sink/pending-record';

/**
 * The production connections of a task: the Oracle gateway (simulator for "*.sim" hosts), the
 * Kafka-transaction target with the last committed checkpoint, the Format and, with the Schema
 * Registry on, the schema ids. Tests replace these with in-memory ones.
 */
export interface OpenedTarget {
  target: CommitTarget;
  checkpoint: TaskCheckpoint | null;
  partitionCounts: Record<string, number>;
  topics: { data: string; ddl: string };
  schemaIds: Record<string, number> | null;
  close(): Promise<void>;
}

/** The task's gateway, its connection pool sized for the full load's parallel reads (with read-ahead) and mining. */
export function defaultOpenGateway(config: TaskConfig): () => Promise<OracleGateway> {
  return () => openGateway({ ...config.source }, { poolMax: poolSizeFor(config.advanced.fullParallelism) });
}

export function defaultOpenTarget(config: TaskConfig, taskId: string, checkpointTopic?: string): () => Promise<OpenedTarget> {
  return async () => {
    const d = config.destination;
    if (d.kafkaVersion === '0.10') {
      throw new EngineError('KAFKA_TRANSACTIONS_UNSUPPORTED', 'Kafka 0.10 has no transactions, which the engine needs to write records and their checkpoint atomically.', {
        hint: 'Use a Kafka 0.11 or later cluster (set Kafka Version accordingly); Ora2Kafka does not offer an at-least-once mode for 0.10.',
      });
    }
    const opened = await KafkaTxSink.open({ destination: d, taskId, ...(checkpointTopic ? { checkpointTopic } : {}) });
    let schemaIds: Record<string, number> | null = null;
    try {
      if (d.schemaRegistry.enabled) {
        const registry = new SchemaRegistryClient(d.schemaRegistry.url);
        schemaIds = {};
        for (const topic of new Set([d.topic, ddlTopicOf(d)])) schemaIds[topic] = await registry.register(valueSubject(topic), dtsRegistrySchema());
      }
    } catch (e) {
      await opened.sink.close();
      throw e;
    }
    return { target: opened.sink, checkpoint: opened.checkpoint, partitionCounts: opened.partitionCounts, topics: opened.topics, schemaIds, close: () => opened.sink.close() };
  };
}

export async function defaultFormat(config: TaskConfig, gateway: OracleGateway): Promise<Format> {
  if (config.dataFormat === 'shareplex-json') return createFormat({ name: 'shareplex-json' });
  const info = await gateway.databaseInfo();
  return createFormat({ name: 'dts-avro', sourceVersion: info.version });
}
