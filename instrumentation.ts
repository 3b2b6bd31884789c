/**
 * Next.js start-up hook. In the demo (`npm run demo` sets ORA2KAFKA_DEMO=1) the built-in Oracle
 * simulator gets a gentle, steady write workload so incremental migration has live changes to carry.
 */
export async function register(): Promise<void> {
  if (process.env.NEXT_RUNTIME !== 'nodejs' || process.env.ORA2KAFKA_DEMO !== '1') return;
  const { startDemoWorkload } = await import('./server/oracle/sim/registry');
  startDemoWorkload({ txPerSecond: 5, opsPerTx: [1, 4], rollbackRate: 0.05, savepointRate: 0.02, longTxRate: 0.01, longTxMs: 20_000 });
}
