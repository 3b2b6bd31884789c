/**
 * Where phase workers stop when the task is paused or stopped. Workers run each unit of work (a
 * chunk, a mined window, one object's DDL) through `gate.unit(fn)`; pause() makes the next unit
 * wait, `drained()` resolves once every unit in progress has finished, and stop() makes waiting
 * and later units throw the stop reason, so nothing half-done is committed.
 *
 *   gate.pause(); await gate.drained();  …workers parked, nothing in progress…  gate.resume();
 *   gate.stop(new TaskStoppedError())    …every pass()/unit() throws it…
 */
export class PauseGate {
  private paused = false;
  private stopped: Error | null = null;
  private waiters: { resolve: () => void; reject: (e: Error) => void }[] = [];
  private busy = 0;
  private idle: (() => void)[] = [];
  readonly controller = new AbortController();

  get isPaused(): boolean {
    return this.paused;
  }

  get signal(): AbortSignal {
    return this.controller.signal;
  }

  get stopReason(): Error | null {
    return this.stopped;
  }

  async pass(): Promise<void> {
    if (this.stopped) throw this.stopped;
    if (!this.paused) return;
    await new Promise<void>((resolve, reject) => this.waiters.push({ resolve, reject }));
  }

  /** Runs one unit of work once the gate is open; pause() waits for it to finish. */
  async unit<T>(fn: () => Promise<T>): Promise<T> {
    await this.pass();
    this.busy++;
    try {
      return await fn();
    } finally {
      if (--this.busy === 0) for (const w of this.idle.splice(0)) w();
    }
  }

  /** Resolves when no unit is in progress. */
  drained(): Promise<void> {
    if (this.busy === 0) return Promise.resolve();
    return new Promise((r) => this.idle.push(r));
  }

  pause(): void {
    this.paused = true;
  }

  resume(): void {
    this.paused = false;
    for (const w of this.waiters.splice(0)) w.resolve();
  }

  stop(reason: Error): void {
    if (this.stopped) return;
    this.stopped = reason;
    this.controller.abort(reason);
    for (const w of this.waiters.splice(0)) w.reject(reason);
  }
}
