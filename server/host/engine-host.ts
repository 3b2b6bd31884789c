import { installClusterControl } from './cluster-control';
import { clusterMode, clusterSettings, consoleWorkerCluster } from './cluster-settings';
import { installConsoleEngine, resumeInterruptedTasks } from './console-host';
import { Worker } from './worker';

/**
 * How the console runs tasks, chosen once at start-up (instrumentation.ts):
 *  - one process (the default, SQLite or PostgreSQL without ORA2KAFKA_GROUP_BROKERS): the engine
 *    runs in the console, and tasks that were running resume from their checkpoints;
 *  - cluster mode (PostgreSQL + ORA2KAFKA_GROUP_BROKERS, cluster-settings.ts): the console is the
 *    control plane, and embeds a worker of cluster ORA2KAFKA_CONSOLE_WORKER ("default") unless
 *    that is "none".
 */
export type EngineHost = { mode: 'embedded' } | { mode: 'cluster'; worker: Worker | null };

export async function installEngineHost(env: Record<string, string | undefined> = process.env, log: (line: string) => void = console.log): Promise<EngineHost> {
  if (!clusterMode(env)) {
    installConsoleEngine();
    // Resume in the background: the console answers requests while tasks reconnect.
    void resumeInterruptedTasks(log).catch((e: unknown) => log(`engine: resuming tasks failed: ${e instanceof Error ? e.message : String(e)}`));
    return { mode: 'embedded' };
  }
  installClusterControl();
  const cluster = consoleWorkerCluster(env);
  if (!cluster) {
    log('engine: cluster mode, control plane only (ORA2KAFKA_CONSOLE_WORKER=none): tasks run on `ora2kafka worker` processes');
    return { mode: 'cluster', worker: null };
  }
  const worker = new Worker({ cluster, ...clusterSettings(env), log });
  await worker.start();
  process.once('SIGTERM', () => void worker.stop());
  return { mode: 'cluster', worker };
}
