/**
 * Next.js start-up hook (Node runtime only): creates the first admin on a console without users
 * (ORA2KAFKA_ADMIN_PASSWORD, or a one-time password printed here), installs the migration engine in
 * the console process and resumes tasks that were running when it last stopped (or, in cluster
 * mode, makes the console the control plane of its workers). In the demo (`npm run demo` sets
 * ORA2KAFKA_DEMO=1) the built-in Oracle simulator also gets a gentle, steady write workload so
 * incremental migration has live changes to carry.
 */
export async function register(): Promise<void> {
  if (process.env.NEXT_RUNTIME !== 'nodejs') return;
  const { ensureFirstAdminOrExit } = await import('./server/auth/first-admin');
  await ensureFirstAdminOrExit();
  const { installEngineHost } = await import('./server/host/engine-host');
  if (process.env.ORA2KAFKA_DEMO === '1') {
    const { startDemoWorkload } = await import('./server/oracle/sim/registry');
    // ORA2KAFKA_DEMO_LONG_TX_SECONDS: how long the workload's occasional long transactions stay open (20 s unless set).
    const { demoLongTxMs } = await import('./server/oracle/sim/demo-options');
    startDemoWorkload({ txPerSecond: 5, opsPerTx: [1, 4], rollbackRate: 0.05, savepointRate: 0.02, longTxRate: 0.01, longTxMs: demoLongTxMs(process.env) });
  }
  // One process (the default), or the control plane of a cluster of workers (server/host/engine-host.ts).
  await installEngineHost();
  // Verifications the last console process was running cannot finish: say so on their tasks' pages.
  const { abandonRunningVerifications } = await import('./server/store/verification-repository');
  await abandonRunningVerifications();
  // ORA2KAFKA_VERIFY_EVERY_MINUTES / ORA2KAFKA_VERIFY_FULL_EVERY_HOURS: verification of every running task on a timer.
  const { startVerificationSchedule } = await import('./server/host/verification-schedule');
  startVerificationSchedule();
}
