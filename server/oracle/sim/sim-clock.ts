/**
 * Time source of a simulated database. Tests use a ManualClock so that SCN drift, archive
 * retention and undo retention are deterministic; the demo uses the real clock.
 */
export interface SimClock {
  nowMs(): number;
}

export const realClock: SimClock = { nowMs: () => Date.now() };

export class ManualClock implements SimClock {
  private t: number;

  constructor(startMs = Date.UTC(2025, 0, 6, 9, 0, 0)) {
    this.t = startMs;
  }

  nowMs(): number {
    return this.t;
  }

  advance(ms: number): void {
    this.t += ms;
  }
}
