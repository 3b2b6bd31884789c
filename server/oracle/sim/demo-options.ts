/**
 * The demo workload's settings a console start can change (`npm run demo`, ORA2KAFKA_DEMO=1):
 * ORA2KAFKA_DEMO_LONG_TX_SECONDS=3 keeps its occasional long transactions open 3 s instead of 20 s
 * (the end-to-end tests use it so a long-open-transaction rule of a few seconds fires only for the
 * transaction they hold).
 */
const DEMO_LONG_TX_SECONDS = 20;

export function demoLongTxMs(env: Record<string, string | undefined>): number {
  const raw = env.ORA2KAFKA_DEMO_LONG_TX_SECONDS?.trim();
  if (raw === undefined || raw === '') return DEMO_LONG_TX_SECONDS * 1000;
  const seconds = Number(raw);
  if (!Number.isFinite(seconds) || seconds < 1 || seconds > 3600) {
    throw new Error(`ORA2KAFKA_DEMO_LONG_TX_SECONDS must be a number of seconds from 1 to 3600 (how long the demo workload's long transactions stay open), got "${raw}"`);
  }
  return Math.round(seconds * 1000);
}
