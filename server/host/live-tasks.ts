import type { TaskReporter } from '../engine/task-reporter';
import type { TaskDiagnostics } from '../model/task-diagnostics';
import type { TaskStatus } from '../model/task-status';

/**
 * The latest diagnostics of every task this process runs (or ran since it started), fed through
 * the TaskReporter port; read by the Prometheus registry (metrics-registry.ts), the lag explainer
 * and the readiness check. Lives on globalThis so Next.js module reloads share it.
 *
 *   reporter = combineReporters(prismaReporter, liveReporter(taskId, name), alertMonitor)
 *   liveTask(taskId)?.diagnostics → TaskDiagnostics
 */
export interface LiveTask {
  taskId: string;
  name: string;
  status: TaskStatus | null;
  diagnostics: TaskDiagnostics | null;
}

const KEY = Symbol.for('ora2kafka.host.live-tasks');

function tasks(): Map<string, LiveTask> {
  const g = globalThis as { [KEY]?: Map<string, LiveTask> };
  g[KEY] ??= new Map();
  return g[KEY];
}

export function liveTasks(): LiveTask[] {
  return [...tasks().values()];
}

export function liveTask(taskId: string): LiveTask | undefined {
  return tasks().get(taskId);
}

export function forgetLiveTask(taskId: string): void {
  tasks().delete(taskId);
}

export function liveReporter(taskId: string, name: string): TaskReporter {
  const t: LiveTask = tasks().get(taskId) ?? { taskId, name, status: null, diagnostics: null };
  t.name = name;
  tasks().set(taskId, t);
  return {
    status(r) {
      t.status = r.status;
      if (t.diagnostics) t.diagnostics = { ...t.diagnostics, status: r.status };
    },
    phase() {},
    metrics() {},
    log() {},
    diagnostics(d) {
      t.diagnostics = d;
      t.status = d.status;
    },
  };
}
