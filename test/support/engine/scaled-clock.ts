import { realClock, type Clock } from '../../../server/engine/clock';

/**
 * Real time, fast-forwarded: with scale 600 one real second is ten engine minutes, so the DTS
 * retry windows (10–1440 min) can be exercised end to end, with real I/O, in a test.
 */
export class ScaledClock implements Clock {
  private readonly base = Date.now();

  constructor(private readonly scale: number) {}

  now(): number {
    return this.base + (Date.now() - this.base) * this.scale;
  }

  sleep(ms: number, signal?: AbortSignal): Promise<void> {
    return realClock.sleep(ms / this.scale, signal);
  }
}
