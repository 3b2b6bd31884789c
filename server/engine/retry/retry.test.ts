import { describe, expect, it } from 'vitest';
import { Ora2KafkaError, OracleError } from '../../model/errors';
import { FakeClock } from '../clock';
import { minutesToMs, RetryWindow, RetryWindowExhaustedError, retryKind } from './retry-window';
import { withRetry } from './with-retry';

const connLost = () => new OracleError('ORA-03113', 'ORA-03113: end-of-file on communication channel', { retriable: true, hint: 'Check the network.' });
const busy = () => new OracleError('ORA-00054', 'ORA-00054: resource busy', { retriable: true });
const fatal = () => new OracleError('ORA-01017', 'ORA-01017: invalid username/password', { retriable: false });

function window(clock: FakeClock, connectMin = 720, otherMin = 10) {
  return new RetryWindow({ connectWindowMs: minutesToMs(connectMin), otherWindowMs: minutesToMs(otherMin), clock, random: () => 0.5 });
}

describe('RetryWindow', () => {
  it('classifies connection failures', () => {
    expect(retryKind(connLost())).toBe('connection');
    expect(retryKind(new Ora2KafkaError('KAFKA_UNREACHABLE', 'x', { retriable: true }))).toBe('connection');
    expect(retryKind(busy())).toBe('other');
  });

  it('fails at once on a non-retriable error or a foreign error', () => {
    const w = window(new FakeClock());
    expect(w.onFailure(fatal())).toMatchObject({ retry: false });
    expect(w.onFailure(Object.assign(new Error('boom'), { retriable: true }))).toMatchObject({ retry: false });
  });

  it('backs off exponentially with jitter, capped, and reports time left', () => {
    const clock = new FakeClock(0);
    const w = window(clock);
    const delays: number[] = [];
    for (let i = 0; i < 9; i++) {
      const d = w.onFailure(connLost());
      if (!d.retry) throw new Error('expected a retry');
      delays.push(d.delayMs);
      expect(d.timeLeftMs).toBe(minutesToMs(720) - clock.now());
    }
    // random 0.5 → 75% of the exponential step: 750, 1500, 3000, … capped at 60 s → 45 s
    expect(delays).toEqual([750, 1500, 3000, 6000, 12000, 24000, 45000, 45000, 45000]);
  });

  it('fails when the window ends, naming the setting', async () => {
    const clock = new FakeClock(0);
    const w = window(clock, 720, 10);
    expect(w.onFailure(busy()).retry).toBe(true);
    await clock.advance(minutesToMs(10));
    const d = w.onFailure(busy());
    expect(d.retry).toBe(false);
    if (d.retry) return;
    expect(d.error).toBeInstanceOf(RetryWindowExhaustedError);
    expect(d.error.message).toMatch(/Gave up after retrying for 10 minutes \(the wait time before a retry when other issues occur\): ORA-00054/);
    expect((d.error as RetryWindowExhaustedError).hint).toMatch(/otherRetryMinutes/);
  });

  it('a success starts a fresh window', async () => {
    const clock = new FakeClock(0);
    const w = window(clock, 720, 10);
    w.onFailure(busy());
    await clock.advance(minutesToMs(9));
    w.onSuccess();
    await clock.advance(minutesToMs(5));
    const d = w.onFailure(busy());
    expect(d).toMatchObject({ retry: true, timeLeftMs: minutesToMs(10) });
  });
});

describe('withRetry', () => {
  it('rides out a connection outage inside the window and reports Retrying then recovery', async () => {
    const clock = new FakeClock(0);
    const w = window(clock, 30);
    const events: string[] = [];
    let calls = 0;
    const run = withRetry(
      clock,
      w,
      async () => {
        calls++;
        if (clock.now() < minutesToMs(20)) throw connLost();
        return 'done';
      },
      { onRetrying: (d) => events.push(`retrying ${d.kind} ${Math.round(d.timeLeftMs / 60000)}m`), onRecovered: () => events.push('recovered') },
    );
    await expect(clock.runUntil(run)).resolves.toBe('done');
    expect(calls).toBeGreaterThan(3);
    expect(events[0]).toBe('retrying connection 30m');
    expect(events.at(-1)).toBe('recovered');
    expect(clock.now()).toBeGreaterThanOrEqual(minutesToMs(20));
    expect(clock.now()).toBeLessThan(minutesToMs(22));
  });

  it('fails when the outage outlasts connectRetryMinutes', async () => {
    const clock = new FakeClock(0);
    const w = window(clock, 15);
    const run = withRetry(clock, w, async () => {
      throw connLost();
    });
    await expect(clock.runUntil(run)).rejects.toThrow(/Gave up after retrying for 15 minutes \(Retry Time for Failed Connections\)/);
    expect(clock.now()).toBeGreaterThanOrEqual(minutesToMs(15));
    expect(clock.now()).toBeLessThan(minutesToMs(15) + 1000);
  });

  it('progress inside a long attempt resets the outage', async () => {
    const clock = new FakeClock(0);
    const w = window(clock, 720, 10);
    let round = 0;
    const run = withRetry(clock, w, async (progress) => {
      round++;
      // Each attempt makes progress, then fails after 8 minutes: with resets, the 10-minute
      // window is never exhausted even though the task keeps failing for an hour.
      progress();
      await clock.sleep(minutesToMs(8));
      if (round < 8) throw busy();
      return round;
    });
    await expect(clock.runUntil(run)).resolves.toBe(8);
  });
});
