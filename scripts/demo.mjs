// `npm run demo`: the console with its embedded defaults on http://127.0.0.1:3000 —
// SQLite metadata under data/, a local single-node Kafka broker (or KAFKA_BROKERS), and the
// built-in Oracle simulator as the demo source. Ctrl-C stops the console and the broker it started.
// The first start creates the demo admin (user admin, password DEMO_ADMIN_PASSWORD below unless
// ORA2KAFKA_ADMIN_PASSWORD is set); the banner prints the accounts to sign in with. Demo only.
import { spawn, spawnSync } from 'node:child_process';
import path from 'node:path';
import { fetchKafka, readBrokerState, startBroker, stopBroker, isAlive } from './kafka/kafka.mjs';

const root = path.resolve(import.meta.dirname, '..');
const port = process.env.PORT ?? '3000';
const host = process.env.HOST ?? '127.0.0.1';
/** The demo's console account (README, "Demo accounts"): for a throw-away demo on this machine only. */
const DEMO_ADMIN_PASSWORD = 'ora2kafka-demo';
const log = (m) => console.log(`[demo] ${m}`);

let startedBroker = false;
let broker = readBrokerState();
if (process.env.KAFKA_BROKERS) {
  log(`using the existing Kafka cluster at ${process.env.KAFKA_BROKERS}`);
  broker = await startBroker({ log });
} else if (broker && isAlive(broker.pid)) {
  log(`reusing the local Kafka broker already running at ${broker.plaintext}`);
} else {
  log('fetching Kafka (Maven, cached after the first run)…');
  fetchKafka({ log });
  log('starting a local single-node Kafka broker…');
  broker = await startBroker({ log });
  startedBroker = true;
  log(`Kafka ready: PLAINTEXT ${broker.plaintext}, SCRAM-SHA-256 ${broker.sasl}`);
}

// The demo task's topics; DTS requires them to exist before a task starts.
try {
  const { Kafka, logLevel } = await import('kafkajs');
  const admin = new Kafka({ clientId: 'ora2kafka-demo', brokers: broker.plaintext.split(','), logLevel: logLevel.NOTHING }).admin();
  await admin.connect();
  const existing = new Set(await admin.listTopics());
  const wanted = [
    { topic: 'oracle-cdc', numPartitions: 4 },
    { topic: 'oracle-ddl', numPartitions: 1 },
  ].filter((t) => !existing.has(t.topic));
  if (wanted.length) await admin.createTopics({ topics: wanted, waitForLeaders: true });
  await admin.disconnect();
  log('topics oracle-cdc (4 partitions) and oracle-ddl (1) are ready');
} catch (e) {
  log(`could not create the demo topics (${e instanceof Error ? e.message : e}); create them before starting a task`);
}

const env = {
  ...process.env,
  NEXT_TELEMETRY_DISABLED: '1',
  ORA2KAFKA_DEMO: '1',
  ORA2KAFKA_DEMO_KAFKA: broker.plaintext,
  ORA2KAFKA_ADMIN_PASSWORD: process.env.ORA2KAFKA_ADMIN_PASSWORD ?? DEMO_ADMIN_PASSWORD,
  HOST: host,
  PORT: port,
};

log('building the console (next build)…');
const build = spawnSync(path.join(root, 'node_modules/.bin/next'), ['build'], { cwd: root, stdio: 'inherit', env });
if (build.status !== 0) {
  if (startedBroker) await stopBroker();
  process.exit(build.status ?? 1);
}

const url = `http://${host.includes(':') ? `[${host}]` : host}:${port}`;
const rule = '─'.repeat(72);
console.log([
  rule,
  `Ora2Kafka demo — ${url}`,
  '',
  `  Console sign-in (demo account):  admin / ${process.env.ORA2KAFKA_ADMIN_PASSWORD ? '(your ORA2KAFKA_ADMIN_PASSWORD)' : DEMO_ADMIN_PASSWORD}`,
  '     (created on the first start with an empty data/ folder; change it under "Change password")',
  '  Demo Oracle source (simulator):  host demo-oracle.sim, SID SIMDB',
  '     account DTS_SYNC / dts_sync (all grants), READONLY / readonly (no LogMiner grants)',
  `  Kafka (local broker):            ${broker.plaintext}, topics oracle-cdc and oracle-ddl`,
  rule,
].join('\n'));
const server = spawn(process.execPath, [path.join(root, 'scripts/serve.mjs')], { cwd: root, stdio: 'inherit', env });

let stopping = false;
async function shutdown(code) {
  if (stopping) return;
  stopping = true;
  server.kill('SIGTERM');
  if (startedBroker) {
    log('stopping the local Kafka broker…');
    await stopBroker();
  }
  process.exit(code);
}
process.on('SIGINT', () => void shutdown(0));
process.on('SIGTERM', () => void shutdown(0));
server.on('exit', (code) => void shutdown(code ?? 0));
