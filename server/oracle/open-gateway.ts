import type { OracleConnectionSettings, OracleGateway } from './gateway';

export interface GatewayOptions {
  /**
   * Connections the gateway may hold at once. Default 4 (node-oracledb's), enough for the console;
   * a task sizes it from the work that runs at once (poolSizeFor).
   */
  poolMax?: number;
}

/** The pool the oracledb gateway gets when nobody says (node-oracledb's own default). */
export const DEFAULT_POOL_MAX = 4;

/**
 * Connections a task needs: the full load reads `fullParallelism` tables, each with one chunk in
 * flight and the next read ahead (2 per table), while incremental mining holds one for its
 * LogMiner session and the engine reads metadata or the current SCN on another.
 *   parallelism 4 → 10, 32 → 66
 */
export function poolSizeFor(fullParallelism: number): number {
  return 2 * Math.max(1, fullParallelism) + 2;
}

/**
 * The one place that picks a gateway implementation: hosts named "sim" or "<name>.sim" reach the
 * simulator (the demo source and tests) — in this process, or, with ORA2KAFKA_SIM_SERVER=host:port,
 * the one `ora2kafka sim-server` serves to every process of a cluster; every other host is a real
 * Oracle database reached with node-oracledb in thin mode. Each is loaded only when used.
 */
export async function openGateway(settings: OracleConnectionSettings, opts: GatewayOptions = {}, env: Record<string, string | undefined> = process.env): Promise<OracleGateway> {
  const poolMax = opts.poolMax ?? DEFAULT_POOL_MAX;
  const { isSimHost, openSimGateway } = await import('./sim/registry');
  if (isSimHost(settings.host)) {
    const remote = env.ORA2KAFKA_SIM_SERVER?.trim();
    if (remote) {
      const { openRemoteSimGateway } = await import('./remote/remote-sim-gateway');
      return openRemoteSimGateway(remote, settings);
    }
    return openSimGateway(settings, { poolMax });
  }
  const { createOracledbGateway } = await import('./oracledb/oracledb-gateway');
  return createOracledbGateway(settings, { poolMax });
}
