import type { OracleConnectionSettings, OracleGateway } from './gateway';

/**
 * The one place that picks a gateway implementation: hosts named "sim" or "<name>.sim" reach the
 * in-process simulator (the demo source and tests), every other host is a real Oracle database
 * reached with node-oracledb in thin mode. Each is loaded only when used.
 */
export async function openGateway(settings: OracleConnectionSettings): Promise<OracleGateway> {
  const { isSimHost, openSimGateway } = await import('./sim/registry');
  if (isSimHost(settings.host)) return openSimGateway(settings);
  const { createOracledbGateway } = await import('./oracledb/oracledb-gateway');
  return createOracledbGateway(settings);
}
