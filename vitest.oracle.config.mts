import { defineConfig } from 'vitest/config';
import path from 'node:path';

// Real-Oracle suite (`npm run test:oracle`): the gateway contract through the oracledb thin driver.
// Needs ORACLE_TEST_URL (oracle://user:password@host:1521/SERVICE); skips with a message otherwise.
export default defineConfig({
  resolve: { alias: { '@': path.resolve(import.meta.dirname) } },
  test: {
    include: ['test/oracle/**/*.test.ts'],
    environment: 'node',
    pool: 'forks',
    fileParallelism: false,
    testTimeout: 120_000,
    hookTimeout: 120_000,
  },
});
