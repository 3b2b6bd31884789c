/**
 * An engine process for kill -9 tests: runs one TaskRunner against the parent's simulated
 * database (RpcGateway) and the real broker (Kafka transactions), and tells the parent what it
 * committed so the parent can kill it at the right moment. Spec in O2K_CHILD_SPEC (JSON):
 *   { taskId, config, checkpointTopic, spillDir, tuning? }
 * Messages to the parent: { t: 'committed', phase, records, rowsDone }, { t: 'status', status, reason }.
 */
import { taskConfigSchema } from '../../../server/model/task-config';
import { jsonTestFormat } from '../../support/engine/json-test-format';
import type { TaskReporter } from '../../../server/engine/task-reporter';
import { TaskRunner } from '../../../server/engine/task-runner';
import { openKafkaTarget } from '../../../server/kafka/open-target';
import { channelOf, RpcGateway } from '../../support/engine/rpc-gateway';

interface Spec {
  taskId: string;
  config: unknown;
  checkpointTopic: string;
  spillDir: string;
  tuning?: Record<string, number>;
}

const spec = JSON.parse(process.env.O2K_CHILD_SPEC ?? '{}') as Spec;
const config = taskConfigSchema.parse(spec.config);
const gateway = new RpcGateway(channelOf(process));
const send = (m: object): void => {
  process.send?.(m, () => undefined);
};

const reporter: TaskReporter = {
  status: (s) => send({ t: 'status', status: s.status, reason: s.reason ?? null }),
  phase: (p) => send({ t: 'phase', phase: p.phase, status: p.status, rowsDone: p.rowsDone }),
  metrics: () => undefined,
  log: (level, message) => {
    if (level !== 'info') send({ t: 'log', level, message });
  },
};

const runner = new TaskRunner({
  taskId: spec.taskId,
  config,
  openGateway: async () => gateway,
  openTarget: openKafkaTarget(config, spec.taskId, spec.checkpointTopic),
  format: async () => jsonTestFormat,
  reporter,
  tuning: { spillDir: spec.spillDir, progressIntervalMs: 50, pollIntervalMs: 50, idleCheckpointMs: 300, ...spec.tuning },
  retry: { baseDelayMs: 200, maxDelayMs: 2000 },
});

// Report each commit (the parent kills us at a chosen point).
const timer = setInterval(() => {
  const c = runner.lastCheckpoint;
  if (c) send({ t: 'committed', phase: c.phase, nextRecordId: c.nextRecordId, full: c.full, incremental: c.incremental });
}, 20);
runner.start();
process.on('message', (m: unknown) => {
  if ((m as { t?: string }).t === 'stop') void runner.stop().then(() => {
    clearInterval(timer);
    send({ t: 'stopped', status: runner.status });
    setTimeout(() => process.exit(0), 50);
  });
});
void runner.done.then(() => send({ t: 'done', status: runner.status }));
