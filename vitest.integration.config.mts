import { defineConfig } from 'vitest/config';
import path from 'node:path';

// Integration tests: a real Kafka broker (started once per run by the global setup, on free ports,
// stopped at the end), shared by two files at a time: most of a file's time is spent waiting (a
// session timeout, a throttled load, a broker restart), so two overlap well on two cores. Every
// file has its own topics, consumer groups, data folder and database, and waits for events, not
// for time, so a neighbour's load can slow it but not break it.
export default defineConfig({
  resolve: { alias: { '@': path.resolve(import.meta.dirname) } },
  test: {
    include: ['test/integration/**/*.test.ts'],
    environment: 'node',
    pool: 'forks',
    fileParallelism: true,
    maxWorkers: 2,
    globalSetup: ['test/integration/global-setup.ts'],
    testTimeout: 60_000,
    hookTimeout: 120_000,
  },
});
