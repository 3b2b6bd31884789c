import { isOra2KafkaError } from '../model/errors';
import type { KafkaDestination } from '../model/kafka-destination';
import type { OracleSource } from '../model/oracle-source';
import { testConnectivity as testKafka } from '../kafka/connectivity';
import { openGateway } from '../oracle/open-gateway';

/**
 * Step 2 of the wizard: reach both ends with the saved settings and say, for each, what was found
 * or exactly what failed and how to fix it. Both checks run at once; one failing does not hide the other.
 */
export interface CheckFailure {
  code: string;
  message: string;
  hint: string | null;
}

export type SourceCheck =
  | { ok: true; version: string; banner: string; dbName: string; container: string | null; miningContainer: string | null; simulator: boolean; elapsedMs: number }
  | { ok: false; error: CheckFailure; elapsedMs: number };

export type DestinationCheck =
  | { ok: true; clusterId: string; brokers: number; topics: { role: 'data' | 'ddl'; name: string; partitions: number }[]; elapsedMs: number }
  | { ok: false; error: CheckFailure; elapsedMs: number };

function failure(e: unknown): CheckFailure {
  if (isOra2KafkaError(e)) return { code: e.code, message: e.message, hint: e.hint ?? null };
  return { code: 'UNEXPECTED', message: e instanceof Error ? e.message : String(e), hint: null };
}

export async function checkSource(source: OracleSource): Promise<SourceCheck> {
  const t0 = Date.now();
  try {
    const gw = await openGateway(source);
    try {
      const info = await gw.databaseInfo();
      return { ok: true, version: info.version, banner: info.banner, dbName: info.dbName, container: info.containerName, miningContainer: info.miningContainer ?? null, simulator: gw.kind === 'sim', elapsedMs: Date.now() - t0 };
    } finally {
      await gw.close();
    }
  } catch (e) {
    return { ok: false, error: failure(e), elapsedMs: Date.now() - t0 };
  }
}

export async function checkDestination(destination: KafkaDestination): Promise<DestinationCheck> {
  const t0 = Date.now();
  try {
    const r = await testKafka(destination, { timeoutMs: 15_000 });
    return { ok: true, clusterId: r.clusterId, brokers: r.brokers.length, topics: r.topics, elapsedMs: Date.now() - t0 };
  } catch (e) {
    return { ok: false, error: failure(e), elapsedMs: Date.now() - t0 };
  }
}

export async function checkBoth(source: OracleSource, destination: KafkaDestination) {
  const [src, dst] = await Promise.all([checkSource(source), checkDestination(destination)]);
  return { source: src, destination: dst };
}
