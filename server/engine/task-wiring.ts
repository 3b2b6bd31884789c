import type { TaskConfig } from '../model/task-config';
import { createFormat, type Format } from '../formats';
import type { OracleGateway } from '../oracle/gateway';
import { openGateway, poolSizeFor } from '../oracle/open-gateway';

/**
 * The source side of a task's production connections: the Oracle gateway (simulator for "*.sim"
 * hosts) and the Format. The commit target is a port (`TaskRunnerDeps.openTarget`): Kafka
 * transactions in production (server/kafka/open-target.ts), in memory in engine tests.
 */

/** The task's gateway, its connection pool sized for the full load's parallel reads (with read-ahead) and mining. */
export function defaultOpenGateway(config: TaskConfig): () => Promise<OracleGateway> {
  return () => openGateway({ ...config.source }, { poolMax: poolSizeFor(config.advanced.fullParallelism) });
}

export async function defaultFormat(config: TaskConfig, gateway: OracleGateway): Promise<Format> {
  const { writeCharset, unencodableCharacters } = config.advanced;
  if (config.dataFormat === 'shareplex-json') return createFormat({ name: 'shareplex-json', writeCharset, unencodableCharacters });
  const info = await gateway.databaseInfo();
  return createFormat({ name: 'dts-avro', sourceVersion: info.version, writeCharset, unencodableCharacters });
}
