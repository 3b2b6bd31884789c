import { describe, expect, it } from 'vitest';
import { INSTANCE_CAPS } from '../../model/task-instance-class';
import { FakeClock } from '../clock';
import { PhaseThrottle } from '../throttle/phase-throttle';
import { TaskObserver } from './task-observer';

describe('TaskObserver', () => {
  // The Prometheus counters ora2kafka_throttle_wait_seconds_total and
  // ora2kafka_backpressure_wait_seconds_total are made of these: a new phase or attempt must not
  // set them back to zero.
  it('keeps counting throttle and back-pressure waits across phases and attempts', () => {
    const obs = new TaskObserver();
    const throttle = (waits: number, waitedMs: number) => Object.assign(new PhaseThrottle({ rps: 1000, bytesPerSec: 1e6, qps: null }, new FakeClock(0)), { waits, waitedMs });
    const caps = INSTANCE_CAPS.medium;

    obs.useThrottle({ throttle: throttle(3, 1200), userThrottle: true, caps });
    obs.usePipeline({ backPressure: { waits: 2, waitedMs: 500 } });
    const full = obs.snapshot('Migrating', 'full', 1000);
    expect(full.throttle).toMatchObject({ waits: 3, waitedMs: 1200, capping: 'throttle' });
    expect(full.backPressure).toEqual({ waits: 2, waitedMs: 500 });

    // The incremental phase starts with a throttle of its own, in a new attempt after a retry.
    obs.useThrottle({ throttle: throttle(0, 0), userThrottle: true, caps });
    obs.usePipeline({ backPressure: { waits: 1, waitedMs: 40 } });
    const inc = obs.snapshot('Migrating', 'incremental', 2000);
    expect(inc.throttle).toMatchObject({ waits: 3, waitedMs: 1200, capping: null }); // capping: the running phase only
    expect(inc.backPressure).toEqual({ waits: 3, waitedMs: 540 });
  });
});
