import { defineConfig } from 'vitest/config';
import path from 'node:path';

// Integration tests: a real Kafka broker (started once per run by the global setup, on free ports,
// stopped at the end). Files run one after another: two cores, one JVM broker.
export default defineConfig({
  resolve: { alias: { '@': path.resolve(import.meta.dirname) } },
  test: {
    include: ['test/integration/**/*.test.ts'],
    environment: 'node',
    pool: 'forks',
    fileParallelism: false,
    globalSetup: ['test/integration/global-setup.ts'],
    testTimeout: 60_000,
    hookTimeout: 120_000,
  },
});
