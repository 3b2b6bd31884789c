/**
 * A real Kafka broker for the browser tests (its own folder, free ports) with the topics the flows
 * use; the tests read its address from the state file. KAFKA_BROKERS skips the local broker.
 * Then (the console is up by now: Playwright starts the web server first) the first admin — created
 * by the server from ORA2KAFKA_ADMIN_PASSWORD — adds an operator and a viewer, and each role's
 * signed-in session is saved for the tests (e2e/.auth/).
 */
import path from 'node:path';
import { Kafka, logLevel } from 'kafkajs';
import { REPO_ROOT, startBroker, stopBroker } from '../scripts/kafka/kafka.mjs';
import { createUser, saveSignedInState, signInRequest } from './auth';
import { E2E_ADMIN, E2E_BASE_URL, E2E_OPERATOR, E2E_VIEWER } from './env';
import { request } from '@playwright/test';

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
  await prepareUsers();
  return async () => {
    await stopBroker(E2E_KAFKA_DIR, { removeDir: true });
  };
}

async function prepareUsers(): Promise<void> {
  const admin = await request.newContext({ baseURL: E2E_BASE_URL });
  try {
    await signInRequest(admin, E2E_ADMIN);
    for (const u of [E2E_OPERATOR, E2E_VIEWER]) await createUser(admin, u);
  } finally {
    await admin.dispose();
  }
  for (const u of [E2E_ADMIN, E2E_OPERATOR, E2E_VIEWER]) await saveSignedInState(u);
}
