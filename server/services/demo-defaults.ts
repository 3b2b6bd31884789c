import { SAMPLE_ACCOUNTS } from '../oracle/sim/sample-schema';

/**
 * What the console offers to fill in when started by `npm run demo`: the built-in Oracle
 * simulator as the source and the local Kafka broker as the destination. Null outside the demo.
 * Never a password: the demo account's is in the README and the demo banner, and people type it.
 */
export function demoDefaults() {
  if (process.env.ORA2KAFKA_DEMO !== '1') return null;
  return {
    source: { host: 'demo-oracle.sim', port: 1521, kind: 'sid' as const, database: 'SIMDB', user: SAMPLE_ACCOUNTS.migration.user },
    destination: process.env.ORA2KAFKA_DEMO_KAFKA ? { brokers: process.env.ORA2KAFKA_DEMO_KAFKA, topic: 'oracle-cdc', ddlTopic: 'oracle-ddl' } : null,
  };
}
