import { describe, expect, it } from 'vitest';
import { WindowPlanner } from './window-planner';

const sizes = { min: 10n, default: 100n, max: 300n, increment: 100n };

describe('WindowPlanner', () => {
  it('plans contiguous half-open windows that never pass the upper bound', () => {
    const p = new WindowPlanner(sizes, 1000n);
    const w1 = p.plan(5000n)!;
    expect(w1).toEqual({ fromScn: 1000n, toScn: 1100n });
    p.complete(w1, 5000n);
    const w2 = p.plan(5000n)!;
    expect(w2).toEqual({ fromScn: 1100n, toScn: 1300n }); // grew while behind
    p.complete(w2, 5000n);
    expect(p.plan(5000n)).toEqual({ fromScn: 1300n, toScn: 1600n });
    p.complete(p.plan(5000n)!, 5000n);
    expect(p.plan(5000n)).toEqual({ fromScn: 1600n, toScn: 1900n }); // capped at max
    expect(p.plan(1700n)).toEqual({ fromScn: 1600n, toScn: 1700n });
  });

  it('returns null when caught up and shrinks toward min once caught up', () => {
    const p = new WindowPlanner(sizes, 50n);
    const w = p.plan(60n)!;
    expect(w).toEqual({ fromScn: 50n, toScn: 60n });
    p.complete(w, 60n);
    expect(p.plan(60n)).toBeNull();
    expect(p.windowSize).toBe(10n);
    p.shrink();
    expect(p.windowSize).toBe(10n);
    expect(() => p.complete({ fromScn: 1n, toScn: 2n }, 60n)).toThrow(/does not continue/);
    expect(() => new WindowPlanner({ ...sizes, min: 200n }, 0n)).toThrow(RangeError);
  });
});
