/** Types for scripts/postgres/postgres.mjs (plain Node ESM so it runs without tsx). */

export interface PostgresState {
  /** postgresql://postgres@127.0.0.1:PORT/postgres (or TEST_POSTGRES_URL when external). */
  url: string;
  port: number | null;
  /** The temporary folder holding the data directory, socket and log; null when external. */
  dir: string | null;
  pid: number | null;
  bin?: string;
  external: boolean;
}

export class PostgresSetupError extends Error {}
export function postgresBinDir(env?: Record<string, string | undefined>): string | null;
export function startPostgres(opts?: { ownerPid?: number; log?: (message: string) => void }): Promise<PostgresState>;
export function stopPostgres(state: PostgresState | null | undefined): Promise<void>;
export function createDatabase(state: PostgresState, name: string): Promise<string>;
