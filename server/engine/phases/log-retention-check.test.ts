import { describe, expect, it } from 'vitest';
import type { OracleGateway, RedoLogFile } from '../../oracle/gateway';
import { neededLogRetention } from './log-retention-check';

/** A gateway with a 24-hour archive retention and two archived logs completed at database times. */
function gateway(logs: Pick<RedoLogFile, 'sequence' | 'nextTimeMs'>[]): OracleGateway {
  const files: RedoLogFile[] = logs.map((l, i) => ({ name: `/arch/1_${l.sequence}.arc`, thread: 1, firstScn: BigInt(1000 * (i + 1)), nextScn: BigInt(1000 * (i + 2)), kind: 'ARCHIVED', firstTimeMs: 0, ...l }));
  return { databaseFlags: async () => ({ archiveRetentionHours: 24 }), logFilesFor: async () => files } as unknown as OracleGateway;
}

const H = 3_600_000;
const DB_NOW = Date.UTC(2026, 11, 7, 12, 0, 0);

describe('neededLogRetention', () => {
  it("names the oldest needed archived log and its purge time, carried from the database's clock into this machine's", async () => {
    const gw = gateway([
      { sequence: 42, nextTimeMs: DB_NOW - 20 * H },
      { sequence: 43, nextTimeMs: DB_NOW - 2 * H },
    ]);
    const same = await neededLogRetention(gw, 1000n, DB_NOW);
    expect(same).toMatchObject({ sequence: 42, completedAtMs: DB_NOW - 20 * H, purgeAtMs: DB_NOW + 4 * H, checkedAtMs: DB_NOW });
    // The database's clock is 2 h ahead of this machine's: its purge job runs 4 h from now all the same.
    const hereNow = DB_NOW - 2 * H;
    const ahead = await neededLogRetention(gw, 1000n, hereNow, 2 * H);
    expect(ahead).toMatchObject({ sequence: 42, completedAtMs: DB_NOW - 22 * H, purgeAtMs: hereNow + 4 * H, checkedAtMs: hereNow });
  });
});
