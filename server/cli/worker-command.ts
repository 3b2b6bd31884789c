import { clusterSettings, parseCluster } from '../host/cluster-settings';
import { Worker } from '../host/worker';
import { DEFAULT_CLUSTER } from '../model/cluster';

/**
 * `ora2kafka worker [--cluster NAME] [--brokers host:9092]`: a process that runs tasks and nothing
 * else. It joins cluster NAME (default "default") — the Kafka group "ora2kafka-cluster-NAME" —
 * runs the tasks the group's leader assigns it, and stops gracefully on Ctrl-C / SIGTERM (its
 * tasks commit what they read and move to the other workers at once). Needs the console's
 * PostgreSQL (DATABASE_URL) and a Kafka cluster to coordinate through (ORA2KAFKA_GROUP_BROKERS or
 * --brokers); see cluster-settings.ts for the other settings.
 */
export interface WorkerCommandOptions {
  cluster?: string;
  brokers?: string;
  write?: (line: string) => void;
  /** Resolves when the worker should stop (default: SIGINT or SIGTERM). */
  until?: Promise<void>;
}

export async function workerCommand(options: WorkerCommandOptions): Promise<number> {
  const write = options.write ?? ((l: string) => process.stdout.write(`${l}\n`));
  const cluster = parseCluster(options.cluster ?? process.env.ORA2KAFKA_CLUSTER ?? DEFAULT_CLUSTER);
  const worker = new Worker({ cluster, ...clusterSettings(process.env, options.brokers), log: (l) => write(`${new Date().toISOString()}  ${l}`) });
  await worker.start();
  await (options.until ??
    new Promise<void>((resolve) => {
      process.once('SIGINT', () => resolve());
      process.once('SIGTERM', () => resolve());
    }));
  await worker.stop();
  return 0;
}
