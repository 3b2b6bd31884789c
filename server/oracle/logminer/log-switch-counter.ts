import type { RedoLogFile } from '../gateway';
import type { MiningStats } from './types';

/**
 * Log switches the stream has seen, from the log lists of its windows: a thread whose highest
 * sequence grows switched logs (by that many). Also keeps the list of the latest window, for the
 * lag explainer.
 *
 *   saw([{thread 1, seq 41}, {thread 1, seq 42}]) → switches 0 (first look)
 *   saw([{thread 1, seq 42}, {thread 1, seq 43}]) → switches 1
 */
export class LogSwitchCounter {
  private readonly highest = new Map<number, number>();
  switches = 0;
  current: MiningStats['logFiles'] = [];

  saw(files: readonly RedoLogFile[]): void {
    this.current = files.map((f) => ({ name: f.name, thread: f.thread, sequence: f.sequence, firstScn: f.firstScn, nextScn: f.nextScn, kind: f.kind, firstTimeMs: f.firstTimeMs }));
    const top = new Map<number, number>();
    for (const f of files) top.set(f.thread, Math.max(top.get(f.thread) ?? 0, f.sequence));
    for (const [thread, seq] of top) {
      const before = this.highest.get(thread);
      if (before !== undefined && seq > before) this.switches += seq - before;
      if (before === undefined || seq > before) this.highest.set(thread, seq);
    }
  }
}
