import { describe, expect, it } from 'vitest';
import { FakeClock } from '../clock';
import type { PhaseContext } from '../phase-context';
import { DatabaseClockWatch, databaseClockSkewNotice } from './database-clock-skew';

const NOW = Date.UTC(2026, 11, 7, 13, 30, 0);

describe("the database's clock skew notice", () => {
  it('says nothing under a minute apart, and names the skew, its direction and both clocks beyond', () => {
    expect(databaseClockSkewNotice(null, NOW)).toBeNull();
    expect(databaseClockSkewNotice(59_999, NOW)).toBeNull();
    expect(databaseClockSkewNotice(-59_999, NOW)).toBeNull();
    expect(databaseClockSkewNotice(95_000, NOW)).toMatch(/^The database's clock is 1 min 35 s ahead of this worker's \(database 2026-12-07T13:31:35.000Z, here 2026-12-07T13:30:00.000Z\)\./);
    expect(databaseClockSkewNotice(2 * 3_600_000, NOW)).toMatch(/^The database's clock is 2 h 0 min ahead of this worker's/);
    expect(databaseClockSkewNotice(-(700 * 86_400_000 + 5 * 3_600_000), NOW)).toMatch(/^The database's clock is 700 days 5 h behind this worker's \(database 2025-01-06T08:30:00.000Z, /);
    expect(databaseClockSkewNotice(-86_400_000, NOW)).toMatch(/is 1 day 0 h behind/);
  });

  it('warns once when the skew appears, and takes the dashboard warning down when the clocks agree again', () => {
    const logs: { level: string; message: string }[] = [];
    const ctx = { clock: new FakeClock(NOW), progress: { warnings: ['Another warning'] }, log: (level: string, message: string) => logs.push({ level, message }) } as unknown as PhaseContext;
    const watch = new DatabaseClockWatch(ctx);
    watch.check(null);
    watch.check(1000);
    expect(logs).toEqual([]);
    watch.check(-3 * 3_600_000);
    watch.check(-3 * 3_600_000 + 10);
    expect(logs.map((l) => l.level)).toEqual(['warn']);
    expect(ctx.progress.warnings).toEqual(['Another warning', logs[0]!.message]);
    watch.check(20);
    expect(ctx.progress.warnings).toEqual(['Another warning']);
    expect(logs.at(-1)).toEqual({ level: 'info', message: "The database's clock agrees with this worker's again." });
  });
});
