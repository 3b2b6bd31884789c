import type { TaskConfig } from '../model/task-config';
import type { VerificationReport } from '../model/verification';
import { createKafka } from '../kafka/client';
import { DEFAULT_CHECKPOINT_TOPIC, readCheckpoint } from '../kafka/checkpoint-topic';
import { readTopic, type OnMessages, type ReadFrom } from '../kafka/topic-reader';
import type { OracleGateway } from '../oracle/gateway';
import { openGateway } from '../oracle/open-gateway';
import { verifyRecent } from '../verify/verify-recent';
import { verifyTask } from '../verify/verify-task';

/**
 * One full verification with live connections, for the console and `ora2kafka verify`: the task's
 * last checkpoint read from Kafka (which SCN is provable), the topic read read_committed, the
 * source through its gateway. The caller stores or prints the report.
 */
export interface VerifyNowOptions {
  taskId: string;
  config: TaskConfig;
  /** SCN to verify at; default the highest the checkpoint proves. */
  scn?: bigint;
  checkpointTopic?: string;
  /** The source (tests pass the simulator's); default the task's own connection. */
  openGateway?: () => Promise<OracleGateway>;
  /** Incremental verification: only keys changed since this time (epoch ms), up to `sample` per table. */
  recent?: { sinceMs: number; sample?: number };
}

export async function verifyTaskNow(opts: VerifyNowOptions): Promise<VerificationReport> {
  const { config, taskId } = opts;
  const kafka = createKafka(config.destination, { clientId: 'ora2kafka-verify' });
  const admin = kafka.admin();
  await admin.connect();
  let gateway: OracleGateway | null = null;
  try {
    const checkpointTopic = opts.checkpointTopic ?? DEFAULT_CHECKPOINT_TOPIC;
    const checkpoint = (await admin.listTopics()).includes(checkpointTopic) ? await readCheckpoint(kafka, admin, checkpointTopic, taskId) : null;
    gateway = await (opts.openGateway ?? (() => openGateway({ ...config.source })))();
    const topic = config.destination.topic;
    const input = {
      taskId,
      config,
      gateway,
      checkpoint,
      ...(opts.scn === undefined ? {} : { scn: opts.scn }),
      topic: { topic, read: (onMessages: OnMessages, from: ReadFrom) => readTopic(kafka, admin, topic, { from }, onMessages) },
    };
    return await (opts.recent ? verifyRecent({ ...input, ...opts.recent }) : verifyTask(input));
  } finally {
    await gateway?.close().catch(() => undefined);
    await admin.disconnect().catch(() => undefined);
  }
}
