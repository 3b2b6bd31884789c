#!/usr/bin/env node
/**
 * A real single-node Apache Kafka broker (KRaft, jars from Maven Central) for tests, bench and demo.
 * Plain Node ESM without dependencies, so it runs before `npm ci` finished anything but Node.
 *
 *   node scripts/kafka/kafka.mjs fetch            resolve the jars (cached; ~0.1 s when warm)
 *   node scripts/kafka/kafka.mjs start [--dir D]  start a broker on free 127.0.0.1 ports (idempotent)
 *   node scripts/kafka/kafka.mjs status [--dir D] print the state; exit 0 only when it answers
 *   node scripts/kafka/kafka.mjs wait [--dir D] [--timeout S]
 *   node scripts/kafka/kafka.mjs stop [--dir D]
 *
 * State is written to <dir>/broker.json (default dir: <repo>/.kafka), e.g.
 *   {"pid":4242,"external":false,"plaintext":"127.0.0.1:39411","sasl":"127.0.0.1:39413",
 *    "scramMechanism":"scram-sha-256","scramUser":"ora2kafka","scramPassword":"ora2kafka-secret",
 *    "restrictedUser":"restricted","restrictedPassword":"restricted-secret",
 *    "logFile":".../.kafka/broker.log","dataDir":".../.kafka/data",...}
 *
 * With KAFKA_BROKERS=host:port[,host:port] set, no broker is started: the state points at that cluster
 * (KAFKA_SASL_BROKERS for its SCRAM listener, default the same list; KAFKA_SASL_USERNAME and
 * KAFKA_SASL_PASSWORD for its SCRAM-SHA-256 account).
 */
import { spawn, spawnSync } from 'node:child_process';
import { createHash } from 'node:crypto';
import fs from 'node:fs';
import net from 'node:net';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { log4j2Properties, newClusterId, scramArg, serverProperties } from './broker-config.mjs';
import { metadataProbe } from './probe.mjs';

const HERE = path.dirname(fileURLToPath(import.meta.url));
export const KAFKA_VERSION = '4.1.1';
export const REPO_ROOT = path.resolve(HERE, '..', '..');
export const CACHE_DIR = path.join(HERE, '.cache');
export const DEFAULT_DIR = path.join(REPO_ROOT, '.kafka');
const INSTALL = 'apt-get install -y openjdk-17-jre-headless maven';
const READY_LINE = 'Kafka Server started';

export class KafkaSetupError extends Error {}

const javaBin = () => (process.env.JAVA_HOME ? path.join(process.env.JAVA_HOME, 'bin', 'java') : 'java');

/** Throws one sentence saying what to install when Java 17+ is missing. Returns the major version. */
export function checkJava() {
  const r = spawnSync(javaBin(), ['-version'], { encoding: 'utf8' });
  const m = /version "(\d+)(?:\.(\d+))?/.exec(`${r.stderr ?? ''}${r.stdout ?? ''}`);
  if (r.error || !m) throw new KafkaSetupError(`Java 17 or newer is needed to run the local Kafka broker and was not found; install it with: ${INSTALL}`);
  const major = m[1] === '1' ? Number(m[2]) : Number(m[1]);
  if (major < 17) throw new KafkaSetupError(`Java ${major} was found but Kafka ${KAFKA_VERSION} needs Java 17 or newer; install it with: ${INSTALL}`);
  return major;
}

function pomHash() {
  return createHash('sha256').update(fs.readFileSync(path.join(HERE, 'pom.xml'))).digest('hex');
}

/** The cached classpath if it matches pom.xml and every jar is still on disk, else null. */
function cachedClasspath() {
  const cpFile = path.join(CACHE_DIR, 'classpath.txt');
  const stampFile = path.join(CACHE_DIR, 'classpath.stamp');
  if (!fs.existsSync(cpFile) || !fs.existsSync(stampFile)) return null;
  if (fs.readFileSync(stampFile, 'utf8').trim() !== pomHash()) return null;
  const cp = fs.readFileSync(cpFile, 'utf8').trim();
  const jars = cp.split(path.delimiter);
  return jars.length > 0 && jars.every((j) => fs.existsSync(j)) ? cp : null;
}

/** Resolve the Kafka jars with Maven (only when the cache is stale) and return the classpath. */
export function fetchKafka({ log = () => {} } = {}) {
  const cached = cachedClasspath();
  if (cached) return cached;
  const mvn = spawnSync('mvn', ['-v'], { encoding: 'utf8' });
  if (mvn.error) throw new KafkaSetupError(`Maven is needed to fetch the Kafka ${KAFKA_VERSION} jars and was not found; install it with: ${INSTALL}`);
  fs.mkdirSync(CACHE_DIR, { recursive: true });
  log(`fetching Kafka ${KAFKA_VERSION} jars with Maven...`);
  const cpFile = path.join(CACHE_DIR, 'classpath.txt');
  const r = spawnSync(
    'mvn',
    ['-q', '-B', '-f', path.join(HERE, 'pom.xml'), 'dependency:build-classpath', '-DincludeScope=runtime', `-Dmdep.outputFile=${cpFile}`],
    { encoding: 'utf8', maxBuffer: 64 * 1024 * 1024 },
  );
  if (r.status !== 0) {
    const out = `${r.stdout ?? ''}${r.stderr ?? ''}`.trim().split('\n').slice(-25).join('\n');
    throw new KafkaSetupError(`Maven could not resolve the Kafka ${KAFKA_VERSION} jars (exit ${r.status}):\n${out}`);
  }
  fs.writeFileSync(path.join(CACHE_DIR, 'classpath.stamp'), pomHash() + '\n');
  const cp = cachedClasspath();
  if (!cp) throw new KafkaSetupError(`Maven finished but ${cpFile} lists missing jars; delete ${CACHE_DIR} and retry.`);
  return cp;
}

/** `java` arguments to run one Kafka class (broker, storage tool or ProducerPerformance). */
export function javaCommand(mainClass, args, { heap = '512m', extraJvm = [] } = {}) {
  const cp = fetchKafka();
  const jvm = [`-Xmx${heap}`, '-XX:+UseG1GC', '-XX:MaxGCPauseMillis=20', '-XX:InitiatingHeapOccupancyPercent=35', '-Djava.awt.headless=true', ...extraJvm];
  return { command: javaBin(), args: [...jvm, '-cp', cp, mainClass, ...args] };
}

/**
 * A free 127.0.0.1 port *below* the kernel's ephemeral range. A port the OS hands out for port 0
 * comes from that range, which outgoing connections draw from too: while a broker restarts, a client
 * reconnecting to it can be given the broker's own port as its source port (a TCP self-connect) and
 * keep it, so the broker cannot bind again; a "nobody listens here" probe can meet the same. Ports
 * outside the range are never taken that way.
 */
export async function freePort() {
  const [low] = ephemeralRange();
  const from = 10_000;
  if (low - from < 1000) return osFreePort();
  for (let attempt = 0; attempt < 50; attempt++) {
    const port = from + Math.floor(Math.random() * (low - from));
    if (await canListen(port)) return port;
  }
  return osFreePort();
}

function ephemeralRange() {
  try {
    const [a, b] = fs.readFileSync('/proc/sys/net/ipv4/ip_local_port_range', 'utf8').trim().split(/\s+/).map(Number);
    if (a > 0 && b >= a) return [a, b];
  } catch {
    /* not Linux */
  }
  return [32768, 60999];
}

function canListen(port) {
  return new Promise((resolve) => {
    const srv = net.createServer();
    srv.unref();
    srv.once('error', () => resolve(false));
    srv.listen(port, '127.0.0.1', () => srv.close(() => resolve(true)));
  });
}

function osFreePort() {
  return new Promise((resolve, reject) => {
    const srv = net.createServer();
    srv.unref();
    srv.on('error', reject);
    srv.listen(0, '127.0.0.1', () => {
      const { port } = /** @type {net.AddressInfo} */ (srv.address());
      srv.close(() => resolve(port));
    });
  });
}

export function isAlive(pid) {
  if (!pid) return false;
  try {
    process.kill(pid, 0);
  } catch {
    return false;
  }
  // A recycled pid must not be mistaken for our broker: its command line names our config file.
  try {
    const cmd = fs.readFileSync(`/proc/${pid}/cmdline`, 'utf8');
    return cmd.includes('kafka.Kafka');
  } catch {
    return true; // no /proc (not Linux): trust kill(0)
  }
}

const stateFileOf = (dir) => path.join(dir, 'broker.json');

export function readBrokerState(dir = DEFAULT_DIR) {
  try {
    return JSON.parse(fs.readFileSync(stateFileOf(dir), 'utf8'));
  } catch {
    return null;
  }
}

function writeState(dir, state) {
  fs.mkdirSync(dir, { recursive: true });
  fs.writeFileSync(stateFileOf(dir), JSON.stringify(state, null, 2) + '\n', { mode: 0o600 });
}

function externalState(dir) {
  const brokers = /** @type {string} */ (process.env.KAFKA_BROKERS);
  const state = {
    pid: null,
    external: true,
    plaintext: brokers,
    sasl: process.env.KAFKA_SASL_BROKERS || brokers,
    scramMechanism: 'scram-sha-256',
    scramUser: process.env.KAFKA_SASL_USERNAME ?? null,
    scramPassword: process.env.KAFKA_SASL_PASSWORD ?? null,
    restrictedUser: null,
    restrictedPassword: null,
    logFile: null,
    dataDir: null,
    dir,
    kafkaVersion: null,
    startedAt: new Date().toISOString(),
  };
  writeState(dir, state);
  return state;
}

/** Ready = the log says the server started and a Metadata request lists this broker. */
export async function waitForBroker(state, { timeoutMs = 90_000, child } = {}) {
  const deadline = Date.now() + timeoutMs;
  const [host, port] = state.plaintext.split(',')[0].split(':');
  let lastError = 'no answer yet';
  while (Date.now() < deadline) {
    if (child && child.exitCode !== null) throw new KafkaSetupError(`The Kafka broker exited with code ${child.exitCode} during start-up.\n${logTail(state.logFile)}`);
    if (!state.external && !isAlive(state.pid)) throw new KafkaSetupError(`The Kafka broker (pid ${state.pid}) is not running.\n${logTail(state.logFile)}`);
    const logged = state.external || (state.logFile && fs.existsSync(state.logFile) && fs.readFileSync(state.logFile, 'utf8').includes(READY_LINE));
    if (logged) {
      try {
        const md = await metadataProbe(host, Number(port));
        if (md.brokers.length > 0) return state;
        lastError = 'the broker answered but lists no live brokers yet';
      } catch (e) {
        lastError = e instanceof Error ? e.message : String(e);
      }
    }
    await new Promise((r) => setTimeout(r, 200));
  }
  throw new KafkaSetupError(`The Kafka broker at ${state.plaintext} was not ready within ${Math.round(timeoutMs / 1000)} s (${lastError}).\n${logTail(state.logFile)}`);
}

function logTail(file, lines = 30) {
  if (!file || !fs.existsSync(file)) return '';
  return `--- last lines of ${file} ---\n` + fs.readFileSync(file, 'utf8').trimEnd().split('\n').slice(-lines).join('\n');
}

/**
 * Start a broker whose files live under `dir` (or reuse the live one already recorded there).
 * `ownerPid`: stop the broker when that process disappears (test runs, bench), so a killed runner
 * leaves no JVM behind.
 */
export async function startBroker({
  dir = DEFAULT_DIR,
  scramUser = 'ora2kafka',
  scramPassword = 'ora2kafka-secret',
  restrictedUser = 'restricted',
  restrictedPassword = 'restricted-secret',
  heap = '512m',
  timeoutMs = 90_000,
  ownerPid = undefined,
  log = () => {},
} = {}) {
  dir = path.resolve(dir);
  if (process.env.KAFKA_BROKERS) return externalState(dir);
  const existing = readBrokerState(dir);
  if (existing && !existing.external && isAlive(existing.pid)) return waitForBroker(existing, { timeoutMs });
  checkJava();
  fetchKafka({ log });
  cleanDir(dir);
  fs.mkdirSync(dir, { recursive: true });
  const [plaintextPort, saslPort, controllerPort] = await distinctFreePorts(3);
  const dataDir = path.join(dir, 'data');
  const propsFile = path.join(dir, 'server.properties');
  const log4jFile = path.join(dir, 'log4j2.properties');
  const logFile = path.join(dir, 'broker.log');
  fs.writeFileSync(propsFile, serverProperties({ plaintextPort, saslPort, controllerPort, dataDir, scramUser }));
  fs.writeFileSync(log4jFile, log4j2Properties());
  const log4jOpt = `-Dlog4j2.configurationFile=${log4jFile}`;

  const t0 = Date.now();
  const fmt = javaCommand('kafka.tools.StorageTool', ['format', '--config', propsFile, '--cluster-id', newClusterId(), '--standalone', '--add-scram', scramArg(scramUser, scramPassword), '--add-scram', scramArg(restrictedUser, restrictedPassword)], {
    heap: '256m',
    extraJvm: [log4jOpt, '-XX:TieredStopAtLevel=1'],
  });
  const f = spawnSync(fmt.command, fmt.args, { encoding: 'utf8' });
  if (f.status !== 0) throw new KafkaSetupError(`Formatting the Kafka storage failed (exit ${f.status}):\n${f.stdout}${f.stderr}`);
  log(`storage formatted in ${Date.now() - t0} ms`);

  const out = fs.openSync(logFile, 'a');
  const cmd = javaCommand('kafka.Kafka', [propsFile], { heap, extraJvm: [`-Xms${heap === '512m' ? '256m' : heap}`, log4jOpt] });
  const child = spawn(cmd.command, cmd.args, { detached: true, stdio: ['ignore', out, out], cwd: dir });
  fs.closeSync(out);
  child.unref();
  const state = {
    pid: child.pid,
    external: false,
    plaintext: `127.0.0.1:${plaintextPort}`,
    sasl: `127.0.0.1:${saslPort}`,
    controller: `127.0.0.1:${controllerPort}`,
    scramMechanism: 'scram-sha-256',
    scramUser,
    scramPassword,
    restrictedUser,
    restrictedPassword,
    logFile,
    dataDir,
    dir,
    kafkaVersion: KAFKA_VERSION,
    startedAt: new Date().toISOString(),
  };
  writeState(dir, state);
  try {
    await waitForBroker(state, { timeoutMs, child });
  } catch (e) {
    await stopBroker(dir, { keepLog: true });
    throw e;
  }
  if (ownerPid) watchOwner(ownerPid, /** @type {number} */ (child.pid));
  log(`broker ready in ${Date.now() - t0} ms (plaintext ${state.plaintext}, sasl ${state.sasl})`);
  return state;
}

async function distinctFreePorts(n) {
  const ports = new Set();
  while (ports.size < n) ports.add(await freePort());
  return [...ports];
}

function watchOwner(ownerPid, brokerPid) {
  const code = `const o=${ownerPid},b=${brokerPid};const alive=(p)=>{try{process.kill(p,0);return true}catch{return false}};
setInterval(()=>{if(!alive(b))process.exit(0);if(!alive(o)){try{process.kill(b,'SIGTERM')}catch{}setTimeout(()=>{try{process.kill(b,'SIGKILL')}catch{}process.exit(0)},20000)}},1000);`;
  spawn(process.execPath, ['-e', code], { detached: true, stdio: 'ignore' }).unref();
}

function cleanDir(dir) {
  for (const name of ['data', 'broker.json', 'server.properties', 'log4j2.properties', 'broker.log']) {
    fs.rmSync(path.join(dir, name), { recursive: true, force: true });
  }
}

/** SIGTERM (Kafka's shutdown hook), SIGKILL after `graceMs`; then remove data and state. */
export async function stopBroker(dir = DEFAULT_DIR, { graceMs = 20_000, keepLog = false, removeDir = false } = {}) {
  dir = path.resolve(dir);
  const state = readBrokerState(dir);
  if (!state) return false;
  let wasRunning = false;
  if (!state.external && isAlive(state.pid)) {
    wasRunning = true;
    process.kill(state.pid, 'SIGTERM');
    const deadline = Date.now() + graceMs;
    while (isAlive(state.pid) && Date.now() < deadline) await new Promise((r) => setTimeout(r, 100));
    if (isAlive(state.pid)) process.kill(state.pid, 'SIGKILL');
    while (isAlive(state.pid)) await new Promise((r) => setTimeout(r, 50));
  }
  if (removeDir && !keepLog) fs.rmSync(dir, { recursive: true, force: true });
  else for (const name of ['data', 'broker.json']) fs.rmSync(path.join(dir, name), { recursive: true, force: true });
  return wasRunning;
}

async function main(argv) {
  const [cmd, ...rest] = argv;
  const opt = (name) => {
    const i = rest.indexOf(name);
    return i >= 0 ? rest[i + 1] : undefined;
  };
  const dir = path.resolve(opt('--dir') ?? DEFAULT_DIR);
  const log = (m) => console.error(`kafka: ${m}`);
  const t0 = Date.now();
  switch (cmd) {
    case 'fetch': {
      const cp = fetchKafka({ log });
      console.log(`Kafka ${KAFKA_VERSION}: ${cp.split(path.delimiter).length} jars ready (${path.relative(process.cwd(), path.join(CACHE_DIR, 'classpath.txt'))}) in ${((Date.now() - t0) / 1000).toFixed(1)} s`);
      return 0;
    }
    case 'start': {
      const s = await startBroker({ dir, log });
      console.log(s.external ? `using existing Kafka at ${s.plaintext} (KAFKA_BROKERS)` : `Kafka ${KAFKA_VERSION} running (pid ${s.pid}): PLAINTEXT ${s.plaintext}, SASL_PLAINTEXT/SCRAM-SHA-256 ${s.sasl} (user ${s.scramUser}); state in ${path.relative(process.cwd(), stateFileOf(dir))}`);
      return 0;
    }
    case 'stop': {
      const was = await stopBroker(dir);
      console.log(was ? 'Kafka broker stopped' : 'no local Kafka broker was running');
      return 0;
    }
    case 'status': {
      const s = readBrokerState(dir);
      if (!s) {
        console.log(JSON.stringify({ running: false }));
        return 1;
      }
      const running = s.external || isAlive(s.pid);
      const ready = running && (await waitForBroker(s, { timeoutMs: 2000 }).then(() => true, () => false));
      console.log(JSON.stringify({ running, ready, ...s, scramPassword: s.scramPassword ? '(set)' : null }, null, 2));
      return ready ? 0 : 1;
    }
    case 'wait': {
      const timeoutMs = Number(opt('--timeout') ?? 90) * 1000;
      while (!readBrokerState(dir) && Date.now() - t0 < timeoutMs) await new Promise((r) => setTimeout(r, 200));
      const s = readBrokerState(dir);
      if (!s) throw new KafkaSetupError(`no broker state appeared in ${stateFileOf(dir)}; run "npm run kafka:start" first`);
      await waitForBroker(s, { timeoutMs: Math.max(1000, timeoutMs - (Date.now() - t0)) });
      console.log(`Kafka ready at ${s.plaintext}`);
      return 0;
    }
    default:
      console.error('usage: node scripts/kafka/kafka.mjs fetch|start|stop|status|wait [--dir DIR] [--timeout SECONDS]');
      return 2;
  }
}

if (process.argv[1] && path.resolve(process.argv[1]) === fileURLToPath(import.meta.url)) {
  main(process.argv.slice(2)).then(
    (code) => process.exit(code),
    (e) => {
      console.error(e instanceof KafkaSetupError ? e.message : e);
      process.exit(1);
    },
  );
}
