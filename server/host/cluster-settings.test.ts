import { describe, expect, it } from 'vitest';
import { clusterMode, clusterSettings, consoleWorkerCluster, parseCluster } from './cluster-settings';

const PG = 'postgresql://o2k@127.0.0.1:5432/ora2kafka';

describe('cluster settings from the environment', () => {
  it('is one process by default, and cluster mode only with PostgreSQL and a group broker', () => {
    expect(clusterMode({})).toBe(false);
    expect(clusterMode({ ORA2KAFKA_GROUP_BROKERS: '127.0.0.1:9092' })).toBe(false);
    expect(clusterMode({ DATABASE_URL: PG })).toBe(false);
    expect(clusterMode({ DATABASE_URL: PG, ORA2KAFKA_GROUP_BROKERS: '127.0.0.1:9092' })).toBe(true);
  });

  it('reads the group settings, with clear errors for what is missing or wrong', () => {
    const s = clusterSettings({ DATABASE_URL: PG, ORA2KAFKA_GROUP_BROKERS: '127.0.0.1:9092', ORA2KAFKA_WORKER_SESSION_TIMEOUT_MS: '6000' });
    expect(s.group.brokers).toEqual(['127.0.0.1:9092']);
    expect(s.sessionTimeoutMs).toBe(6000);
    expect(s.rebalanceTimeoutMs).toBe(60_000);
    expect(clusterSettings({ DATABASE_URL: PG }, '10.0.0.5:9092').group.brokers).toEqual(['10.0.0.5:9092']);
    expect(() => clusterSettings({ ORA2KAFKA_GROUP_BROKERS: '127.0.0.1:9092' })).toThrow(/must be PostgreSQL/);
    expect(() => clusterSettings({ DATABASE_URL: PG })).toThrow(/no Kafka cluster is named/);
    expect(() => clusterSettings({ DATABASE_URL: PG, ORA2KAFKA_GROUP_BROKERS: 'k:9092', ORA2KAFKA_WORKER_SESSION_TIMEOUT_MS: '10s' })).toThrow(/ORA2KAFKA_WORKER_SESSION_TIMEOUT_MS=10s must be a whole number/);
  });

  it('names the console worker\'s cluster (or none) and checks cluster names', () => {
    expect(consoleWorkerCluster({})).toBe('default');
    expect(consoleWorkerCluster({ ORA2KAFKA_CONSOLE_WORKER: 'Reporting' })).toBe('reporting');
    expect(consoleWorkerCluster({ ORA2KAFKA_CONSOLE_WORKER: 'none' })).toBeNull();
    expect(parseCluster('eu-west_1')).toBe('eu-west_1');
    expect(() => parseCluster('no spaces')).toThrow(/1–63 characters/);
  });
});
