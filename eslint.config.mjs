import nextVitals from 'eslint-config-next/core-web-vitals';
import nextTs from 'eslint-config-next/typescript';

/**
 * Layer rules (design.md "Layout"): imports point inward. For each folder, the folders and packages
 * it may not import. Folders are checked on the resolved file (relative, `@/` and dynamic imports
 * alike), packages by name. server/layer-rules.test.ts proves a forbidden import fails lint.
 */
const SERVER = ['api', 'auth', 'cli', 'engine', 'formats', 'host', 'kafka', 'model', 'oracle', 'services', 'store', 'verify'];
const others = (...allowed) => SERVER.filter((layer) => !allowed.includes(layer)).map((layer) => `server/${layer}`);

const LAYER_RULES = [
  {
    folder: 'server/engine',
    why: 'the engine sees ports (interfaces) only; Kafka, the metadata DB and the console live outside it',
    folders: ['server/api', 'server/auth', 'server/cli', 'server/host', 'server/services', 'server/store', 'server/verify', 'server/generated', 'app', 'components'],
    // Pure Kafka semantics the encoder needs (no client, no I/O).
    kafkaAllowed: ['partitioner.ts', 'confluent-frame.ts'],
    packages: ['kafkajs', '@prisma/*', 'oracledb', 'pg', 'better-sqlite3'],
  },
  {
    folder: 'server/model',
    why: 'the model holds pure shapes every layer shares, so it imports no other layer',
    folders: [...others('model'), 'server/generated', 'app', 'components'],
    packages: ['kafkajs', '@prisma/*', 'oracledb', 'pg', 'better-sqlite3'],
  },
  {
    folder: 'server/formats',
    why: 'formats turn ChangeEvents into bytes and never write them anywhere',
    folders: [...others('model', 'formats'), 'server/generated', 'app', 'components'],
    packages: ['kafkajs', '@prisma/*', 'oracledb'],
  },
  {
    folder: 'server/kafka',
    why: 'the Kafka layer implements model ports and knows no engine, console or metadata DB',
    folders: ['server/api', 'server/auth', 'server/cli', 'server/engine', 'server/host', 'server/services', 'server/store', 'server/verify', 'server/generated', 'app', 'components'],
    packages: ['@prisma/*', 'oracledb'],
  },
  {
    folder: 'server/oracle',
    why: 'the Oracle layer is the door to the database and knows no engine, Kafka or console',
    folders: ['server/api', 'server/auth', 'server/cli', 'server/engine', 'server/formats', 'server/host', 'server/kafka', 'server/services', 'server/store', 'server/verify', 'server/generated', 'app', 'components'],
    packages: ['kafkajs', '@prisma/*'],
  },
  {
    folder: 'server/store',
    why: 'repositories sit below the use cases that call them',
    folders: ['server/api', 'server/cli', 'server/engine', 'server/host', 'server/services', 'server/verify', 'app', 'components'],
    packages: ['kafkajs', 'oracledb'],
  },
  {
    folder: 'server/verify',
    why: 'verification reads through the Oracle gateway, the engine\'s mapping and filters and the formats; the services call it, never the other way round',
    folders: ['server/api', 'server/auth', 'server/cli', 'server/host', 'server/services', 'server/store', 'server/generated', 'app', 'components'],
    // The topic reader and the Confluent frame only; the client is opened by the service that calls it.
    kafkaAllowed: ['topic-reader.ts', 'confluent-frame.ts'],
    packages: ['kafkajs', '@prisma/*', 'oracledb', 'pg', 'better-sqlite3'],
  },
  {
    folder: 'server/services',
    why: 'use cases are called by the API, CLI and host, never the other way round',
    folders: ['server/api', 'server/cli', 'server/host', 'app', 'components'],
    packages: [],
  },
  {
    folder: 'server/host',
    why: 'the engine host is started by the console or a worker, not by the API',
    folders: ['server/api', 'server/cli', 'app', 'components'],
    packages: [],
  },
  {
    folder: 'server/auth',
    why: 'nothing on the server imports the Next.js routes or the React UI',
    folders: ['app', 'components'],
    packages: [],
  },
  {
    folder: 'server/api',
    // form-errors.test.ts checks the browser's error text against real server errors, so components/ stays allowed here.
    why: 'nothing on the server imports the Next.js routes',
    folders: ['app'],
    packages: [],
  },
  {
    folder: 'server/cli',
    why: 'the CLI is an entry point like the console',
    folders: ['app', 'components'],
    packages: [],
  },
  { folder: 'app', why: 'routes are product code', folders: [], packages: [] },
  { folder: 'components', why: 'the UI is product code', folders: [], packages: [] },
];

/** Test scaffolding lives under test/ (and bench/ for the benchmarks); product files never import it. */
const SCAFFOLDING = ['test', 'bench', 'e2e'];

/** Two blocks per folder: its layer rules for every file, plus no test scaffolding for non-test files. */
function layerConfigs({ folder, why, folders, kafkaAllowed, packages }) {
  const zone = (from, reason, except) => ({ target: `./${folder}`, from: `./${from}`, ...(except ? { except: except.map((f) => `./${f}`) } : {}), message: `Layer rule: ${folder} may not import ${from} — ${reason} (design.md "Layout").` });
  const zones = folders.map((from) => zone(from, why));
  if (kafkaAllowed) zones.push(zone('server/kafka', why, kafkaAllowed));
  const scaffolding = SCAFFOLDING.map((from) => zone(from, 'test scaffolding stays out of product code'));
  const rules = (z) => {
    const r = z.length > 0 ? { 'import/no-restricted-paths': ['error', { basePath: import.meta.dirname, zones: z }] } : {};
    if (packages.length > 0) r['no-restricted-imports'] = ['error', { patterns: [{ group: packages, message: `Layer rule: ${folder} may not import this package — ${why} (design.md "Layout").` }] }];
    return r;
  };
  const files = [`${folder}/**/*.{ts,tsx,mts}`];
  return [
    { name: `ora2kafka/layers/${folder}`, files, rules: rules(zones) },
    { name: `ora2kafka/layers/${folder}/product`, files, ignores: ['**/*.test.{ts,tsx}', '**/*.sim.test.ts'], rules: rules([...zones, ...scaffolding]) },
  ];
}

const config = [
  ...nextVitals,
  ...nextTs,
  {
    ignores: ['node_modules/**', '.next/**', '.next-*/**', 'test-results/**', 'server/generated/**', 'data/**', 'scripts/kafka/.cache/**', 'e2e/artifacts/**', 'bench/results/**', 'next-env.d.ts'],
  },
  {
    rules: {
      '@typescript-eslint/no-unused-vars': ['error', { argsIgnorePattern: '^_', varsIgnorePattern: '^_' }],
    },
  },
  ...LAYER_RULES.flatMap(layerConfigs),
];

export default config;
