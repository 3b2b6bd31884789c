import { spawn } from 'node:child_process';
import fs from 'node:fs';
import path from 'node:path';
import { isAlive, javaCommand, REPO_ROOT, startBroker, stopBroker, waitForBroker, type BrokerState } from '../../../scripts/kafka/kafka.mjs';

/**
 * A broker of the test's own (the shared one must stay up for the other test files), which can be
 * restarted in place: SIGTERM runs Kafka's clean shutdown, then the same server.properties and
 * data directory start again on the same ports.
 */
export interface OwnBroker {
  state: BrokerState;
  /** Clean shutdown (SIGTERM); resolves once the JVM has exited, so the broker is provably down. */
  down(): Promise<void>;
  /** Starts the stopped broker again on the same ports and data; resolves once it answers. */
  up(): Promise<void>;
  stop(): Promise<void>;
}

export async function startOwnBroker(name: string): Promise<OwnBroker> {
  const dir = path.join(REPO_ROOT, '.kafka', `${name}-${process.pid}`);
  const state = await startBroker({ dir, ownerPid: process.pid, heap: '384m' });
  const killOnExit = () => {
    try {
      if (state.pid) process.kill(state.pid, 'SIGKILL');
    } catch {
      /* gone */
    }
  };
  process.once('exit', killOnExit);
  return {
    state,
    async down() {
      const pid = state.pid!;
      process.kill(pid, 'SIGTERM');
      while (isAlive(pid)) await new Promise((r) => setTimeout(r, 100));
    },
    async up() {
      const props = path.join(dir, 'server.properties');
      const log4j = path.join(dir, 'log4j2.properties');
      const out = fs.openSync(path.join(dir, 'broker.log'), 'a');
      const cmd = javaCommand('kafka.Kafka', [props], { heap: '384m', extraJvm: ['-Xms256m', `-Dlog4j2.configurationFile=${log4j}`] });
      const child = spawn(cmd.command, cmd.args, { detached: true, stdio: ['ignore', out, out], cwd: dir });
      fs.closeSync(out);
      child.unref();
      state.pid = child.pid ?? null;
      fs.writeFileSync(path.join(dir, 'broker.json'), JSON.stringify(state, null, 2) + '\n', { mode: 0o600 });
      await waitForBroker(state, { timeoutMs: 90_000 });
    },
    async stop() {
      process.off('exit', killOnExit);
      await stopBroker(dir, { removeDir: true });
    },
  };
}
