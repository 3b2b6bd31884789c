/**
 * A real Kafka broker for the browser tests (its own folder, free ports) with the topics the flows
 * use; the tests read its address from the state file. KAFKA_BROKERS skips the local broker.
 */
import path from 'node:path';
import { Kafka, logLevel } from 'kafkajs';
import { REPO_ROOT, startBroker, stopBroker } from '../scripts/kafka/kafka.mjs';

export const E2E_KAFKA_DIR = path.join(REPO_ROOT, '.kafka', 'e2e');
export const E2E_TOPICS = [
  { topic: 'e2e-cdc', numPartitions: 3 },
  { topic: 'e2e-ddl', numPartitions: 1 },
];

export default async function globalSetup(): Promise<() => Promise<void>> {
  const state = await startBroker({ dir: E2E_KAFKA_DIR, ownerPid: process.pid });
  const admin = new Kafka({ clientId: 'o2k-e2e-setup', brokers: state.plaintext.split(','), logLevel: logLevel.NOTHING }).admin();
  await admin.connect();
  const existing = new Set(await admin.listTopics());
  await admin.createTopics({ topics: E2E_TOPICS.filter((t) => !existing.has(t.topic)), waitForLeaders: true });
  await admin.disconnect();
  return async () => {
    await stopBroker(E2E_KAFKA_DIR, { removeDir: true });
  };
}
