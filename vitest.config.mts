import { defineConfig } from 'vitest/config';
import path from 'node:path';

// Unit tests: beside the code, no broker, no browser. Integration tests live in test/integration.
export default defineConfig({
  resolve: { alias: { '@': path.resolve(import.meta.dirname) } },
  test: {
    include: ['server/**/*.test.ts', 'components/**/*.test.ts', 'scripts/**/*.test.ts', 'bench/**/*.test.ts'],
    exclude: ['node_modules/**', 'test/integration/**', 'e2e/**'],
    environment: 'node',
    pool: 'forks',
    testTimeout: 20_000,
  },
});
