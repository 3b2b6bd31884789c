import { EngineError } from '../model/errors';
import type { TaskStatus } from '../model/task-status';
import type { PhaseName } from '../model/phase-progress';
import { TaskRunner, type TaskRunnerDeps } from './task-runner';

/**
 * The runners of this process, one per task, several at once (the console's API and the CLI go
 * through it). Lives on globalThis so Next.js module reloads keep the running tasks.
 *
 *   const engine = runnerRegistry();
 *   engine.start({ taskId, config, reporter });  engine.pause(taskId);  engine.release(taskId);
 */
export class NotRunningError extends EngineError {
  constructor(taskId: string) {
    super('TASK_NOT_RUNNING', `Task ${taskId} is not running in this process.`, { hint: 'Start or resume the task first.' });
  }
}

export interface RunnerSummary {
  taskId: string;
  status: TaskStatus;
  phase: PhaseName | null;
}

export class RunnerRegistry {
  private readonly runners = new Map<string, TaskRunner>();

  start(deps: TaskRunnerDeps): TaskRunner {
    const existing = this.runners.get(deps.taskId);
    if (existing && !isEnded(existing.status)) {
      throw new EngineError('TASK_ALREADY_RUNNING', `Task ${deps.taskId} is already running.`, { hint: 'Pause, stop or release it before starting it again.' });
    }
    const runner = new TaskRunner(deps);
    this.runners.set(deps.taskId, runner);
    runner.start();
    void runner.done.then(() => {
      // Ended runners leave the registry, except a paused one that may still be resumed in place.
      if (isEnded(runner.status) && this.runners.get(deps.taskId) === runner) this.runners.delete(deps.taskId);
    });
    return runner;
  }

  get(taskId: string): TaskRunner | undefined {
    return this.runners.get(taskId);
  }

  private must(taskId: string): TaskRunner {
    const r = this.runners.get(taskId);
    if (!r) throw new NotRunningError(taskId);
    return r;
  }

  pause(taskId: string): Promise<void> {
    return this.must(taskId).pause();
  }

  resume(taskId: string): void {
    this.must(taskId).resume();
  }

  async stop(taskId: string): Promise<void> {
    await this.must(taskId).stop();
    this.runners.delete(taskId);
  }

  async release(taskId: string): Promise<void> {
    const r = this.runners.get(taskId);
    if (r) await r.release();
    this.runners.delete(taskId);
  }

  list(): RunnerSummary[] {
    return [...this.runners.values()].map((r) => ({ taskId: r.taskId, status: r.status, phase: r.currentPhase }));
  }

  /** Process shutdown: stop every runner, committing what each has read. */
  async stopAll(): Promise<void> {
    await Promise.all([...this.runners.keys()].map((id) => this.stop(id).catch(() => undefined)));
  }
}

function isEnded(s: TaskStatus): boolean {
  return s === 'Finished' || s === 'Failed' || s === 'Released';
}

const KEY = Symbol.for('ora2kafka.engine.runners');

export function runnerRegistry(): RunnerRegistry {
  const g = globalThis as { [KEY]?: RunnerRegistry };
  g[KEY] ??= new RunnerRegistry();
  return g[KEY];
}
