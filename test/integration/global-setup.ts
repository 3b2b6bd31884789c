/**
 * Starts a fresh local Kafka broker for the integration run (its own folder under .kafka/, free
 * ports) and a throwaway PostgreSQL server (initdb in a temporary folder, a free loopback port), and
 * hands their connection info to the tests via `inject('kafka')` / `inject('postgres')`; stops both
 * at the end. With KAFKA_BROKERS set, no broker is started and the tests use that cluster instead;
 * with TEST_POSTGRES_URL, that PostgreSQL server.
 */
import fs from 'node:fs';
import path from 'node:path';
import type { TestProject } from 'vitest/node';
import { REPO_ROOT, startBroker, stopBroker, type BrokerState } from '../../scripts/kafka/kafka.mjs';
import { startPostgres, stopPostgres, type PostgresState } from '../../scripts/postgres/postgres.mjs';

declare module 'vitest' {
  export interface ProvidedContext {
    kafka: BrokerState;
    postgres: PostgresState;
  }
}

/** Folders left by runs that were killed before teardown (their runner pid is gone). */
function removeStaleRunDirs(): void {
  const root = path.join(REPO_ROOT, '.kafka');
  for (const name of fs.existsSync(root) ? fs.readdirSync(root) : []) {
    const pid = Number(/^vitest-(\d+)$/.exec(name)?.[1]);
    if (!pid) continue;
    try {
      process.kill(pid, 0);
    } catch {
      fs.rmSync(path.join(root, name), { recursive: true, force: true });
    }
  }
}

export default async function setup(project: TestProject): Promise<() => Promise<void>> {
  removeStaleRunDirs();
  const dir = path.join(REPO_ROOT, '.kafka', `vitest-${process.pid}`);
  const t0 = Date.now();
  const [state, pg] = await Promise.all([startBroker({ dir, ownerPid: process.pid }), startPostgres({ ownerPid: process.pid })]);
  if (!state.external) console.log(`[kafka] broker ${state.plaintext} / SCRAM ${state.sasl} ready in ${Date.now() - t0} ms`);
  if (!pg.external) console.log(`[postgres] throwaway server on 127.0.0.1:${pg.port}`);
  project.provide('kafka', state);
  project.provide('postgres', pg);
  // A runner that dies without teardown still takes the broker down (the watcher in startBroker does
  // the same for SIGKILL); this covers a normal exit that skipped teardown.
  const onExit = (): void => {
    if (state.pid) {
      try {
        process.kill(state.pid, 'SIGKILL');
      } catch {
        /* already gone */
      }
    }
  };
  process.once('exit', onExit);
  return async () => {
    process.off('exit', onExit);
    await Promise.all([stopBroker(dir, { keepLog: true, removeDir: true }), stopPostgres(pg)]);
    // The broker's side of the story outlives the run (a topic slow to get its leaders, a fenced
    // producer): .kafka/integration-broker.log, replaced by the next run (not under test-results/,
    // which the e2e stage empties).
    if (state.logFile && fs.existsSync(state.logFile)) fs.copyFileSync(state.logFile, path.join(REPO_ROOT, '.kafka', 'integration-broker.log'));
    fs.rmSync(dir, { recursive: true, force: true });
  };
}
