import { describe, expect, it } from 'vitest';
import { advancedSettingsSchema } from '../../model/task-advanced';
import { FakeClock, type Clock } from '../clock';
import { fullLimits, incrementalLimits, PhaseThrottle } from './phase-throttle';
import { TokenBucket } from './token-bucket';

/** Runs `work` in a loop for `seconds` of fake time and returns units admitted per second. */
async function measure(clock: FakeClock, seconds: number, step: () => Promise<number>): Promise<number> {
  let units = 0;
  const start = clock.now();
  const loop = (async () => {
    while (clock.now() - start < seconds * 1000) units += await step();
  })();
  await clock.runUntil(loop);
  return units / ((clock.now() - start) / 1000);
}

describe('TokenBucket', () => {
  it('holds a steady rate within 10% for small takes', async () => {
    const clock = new FakeClock(0);
    const b = new TokenBucket(5000, clock);
    const rate = await measure(clock, 20, async () => {
      await b.take(37);
      return 37;
    });
    expect(Math.abs(rate - 5000) / 5000).toBeLessThan(0.1);
  });

  it('paces requests larger than the burst instead of blocking', async () => {
    const clock = new FakeClock(0);
    const b = new TokenBucket(1000, clock);
    const rate = await measure(clock, 30, async () => {
      await b.take(10_000);
      return 10_000;
    });
    expect(Math.abs(rate - 1000) / 1000).toBeLessThan(0.1);
  });

  it('shares one budget between concurrent takers', async () => {
    const clock = new FakeClock(0);
    const b = new TokenBucket(2000, clock);
    let units = 0;
    const worker = async () => {
      while (clock.now() < 10_000) {
        await b.take(100);
        units += 100;
      }
    };
    await clock.runUntil(Promise.all([worker(), worker(), worker(), worker()]));
    const rate = units / (clock.now() / 1000);
    expect(Math.abs(rate - 2000) / 2000).toBeLessThan(0.1);
  });

  it('does not wait while tokens are available', () => {
    const clock = new FakeClock(0);
    const b = new TokenBucket(1000, clock);
    expect(b.delayFor(50)).toBe(0);
    expect(b.delayFor(1000)).toBe(900); // burst = 100 tokens
  });
});

describe('PhaseThrottle', () => {
  const a = advancedSettingsSchema.parse({
    fullThrottle: { enabled: true, sourceQps: 20, rps: 30_000, mbps: 100 },
    incrementalThrottle: { enabled: true, rps: 3000, mbps: 1 },
  });

  it('caps by the instance class and lowers by the user throttle', () => {
    expect(fullLimits('medium', a)).toEqual({ rps: 30_000, bytesPerSec: 50_000_000, qps: 20 });
    expect(fullLimits('small', a)).toEqual({ rps: 20_000, bytesPerSec: 20_000_000, qps: 20 });
    expect(incrementalLimits('large', a)).toEqual({ rps: 3000, bytesPerSec: 1_000_000, qps: null });
    expect(fullLimits('large', advancedSettingsSchema.parse({}))).toEqual({ rps: 150_000, bytesPerSec: 150_000_000, qps: null });
  });

  it('measured RPS stays within 10% of the limit', async () => {
    const clock = new FakeClock(0);
    const t = new PhaseThrottle(incrementalLimits('large', a), clock);
    const rate = await measure(clock, 20, async () => {
      await t.admit(50, 50 * 100); // 100-byte records: 300 KB/s, under the byte limit
      return 50;
    });
    expect(Math.abs(rate - 3000) / 3000).toBeLessThan(0.1);
  });

  it('measured bytes/s stays within 10% when bytes are the binding limit', async () => {
    const clock = new FakeClock(0);
    const t = new PhaseThrottle(incrementalLimits('large', a), clock);
    const rate = await measure(clock, 20, async () => {
      await t.admit(10, 10 * 2000); // 2 KB records: 1 MB/s binds first (500 records/s)
      return 10 * 2000;
    });
    expect(Math.abs(rate - 1_000_000) / 1_000_000).toBeLessThan(0.1);
  });

  it('counts the delay it gave, not a late timer: one writer is held no longer than its records take at the limit', async () => {
    const fake = new FakeClock(0);
    // A busy machine: every timer fires 40 ms after it was due.
    const late: Clock = { now: () => fake.now(), sleep: (ms, signal) => fake.sleep(ms + 40, signal) };
    const t = new PhaseThrottle(incrementalLimits('large', a), late);
    let units = 0;
    await measure(fake, 10, async () => {
      await t.admit(50, 50 * 100);
      units += 50;
      return 50;
    });
    expect(t.waits).toBeGreaterThan(10);
    // Each admission that waited got its delay and then 40 ms more from the late timer; only the
    // delay counts (timed by the clock, the total would include 40 ms × waits).
    expect(t.waitedMs).toBeGreaterThan(0);
    expect(t.waitedMs).toBeLessThanOrEqual(fake.now() - 40 * t.waits);
    // And the delays given never add up to more than the records take at the limit.
    expect(t.waitedMs).toBeLessThanOrEqual((units / 3000) * 1000);
  });

  it('limits source queries per second', async () => {
    const clock = new FakeClock(0);
    const t = new PhaseThrottle(fullLimits('xlarge', a), clock);
    const qps = await measure(clock, 30, async () => {
      await t.query();
      return 1;
    });
    expect(Math.abs(qps - 20) / 20).toBeLessThan(0.1);
  });
});
