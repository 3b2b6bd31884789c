// A throwaway PostgreSQL server for tests and benchmarks: `initdb` in a temporary folder, `pg_ctl`
// on a free loopback port, removed again by stopPostgres. Debian's `postgresql` package provides the
// binaries (/usr/lib/postgresql/<version>/bin, not on PATH; `.ci/run` installs it when missing).
// PostgreSQL refuses to run as root, so as root the folder is handed to the `postgres` user and the
// binaries run through `runuser`. Durability is switched off (fsync, full_page_writes): the data is
// thrown away, and tests need speed.
//
//   const pg = await startPostgres({ ownerPid: process.pid });   // { url: 'postgresql://postgres@127.0.0.1:54012/postgres', … }
//   await createDatabase(pg, 'o2k_cluster_1');                    // → its URL
//   await stopPostgres(pg);
import { execFileSync, spawn, spawnSync } from 'node:child_process';
import fs from 'node:fs';
import net from 'node:net';
import os from 'node:os';
import path from 'node:path';

export class PostgresSetupError extends Error {}

const INSTALL_HINT = 'Install Debian\'s PostgreSQL (`apt-get install -y postgresql`; .ci/run does it), set PG_BIN to a folder holding initdb and pg_ctl, or point TEST_POSTGRES_URL at an existing server whose role may create databases.';

/** The folder holding initdb and pg_ctl: PG_BIN, else the newest /usr/lib/postgresql/<version>/bin. */
export function postgresBinDir(env = process.env) {
  if (env.PG_BIN) return env.PG_BIN;
  const root = '/usr/lib/postgresql';
  const versions = fs.existsSync(root) ? fs.readdirSync(root).filter((v) => fs.existsSync(path.join(root, v, 'bin', 'initdb'))) : [];
  versions.sort((a, b) => Number(b) - Number(a));
  return versions.length ? path.join(root, versions[0], 'bin') : null;
}

async function freePort() {
  return new Promise((resolve, reject) => {
    const s = net.createServer();
    s.once('error', reject);
    s.listen(0, '127.0.0.1', () => {
      const { port } = /** @type {net.AddressInfo} */ (s.address());
      s.close(() => resolve(port));
    });
  });
}

const asRoot = () => typeof process.getuid === 'function' && process.getuid() === 0;

/** Runs a PostgreSQL binary, as the `postgres` user when we are root. */
function pgRun(bin, args, opts = {}) {
  const [cmd, argv] = asRoot() ? ['runuser', ['-u', 'postgres', '--', bin, ...args]] : [bin, args];
  return spawnSync(cmd, argv, { encoding: 'utf8', ...opts });
}

/**
 * Starts a server; resolves with { url, port, dir, pid, external }. With TEST_POSTGRES_URL set, no
 * server is started and that one is used (`external`). `ownerPid`: stop the server when that process
 * disappears, so a killed test run leaves no postgres behind.
 */
export async function startPostgres({ ownerPid = undefined, log = () => {} } = {}) {
  if (process.env.TEST_POSTGRES_URL) return { url: process.env.TEST_POSTGRES_URL, port: null, dir: null, pid: null, external: true };
  const bin = postgresBinDir();
  if (!bin) throw new PostgresSetupError(`PostgreSQL is not installed (no initdb under /usr/lib/postgresql/*/bin). ${INSTALL_HINT}`);
  const t0 = Date.now();
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'o2k-pg-'));
  const data = path.join(dir, 'data');
  if (asRoot()) execFileSync('chown', ['postgres:postgres', dir]);
  const init = pgRun(path.join(bin, 'initdb'), ['-D', data, '-U', 'postgres', '--auth=trust', '-E', 'UTF8', '--no-sync', '--no-instructions']);
  if (init.status !== 0) {
    fs.rmSync(dir, { recursive: true, force: true });
    throw new PostgresSetupError(`initdb failed (exit ${init.status}): ${init.stderr || init.stdout}`);
  }
  const port = await freePort();
  const options = `-p ${port} -k ${dir} -c listen_addresses=127.0.0.1 -c fsync=off -c full_page_writes=off -c synchronous_commit=off -c max_connections=200`;
  const start = pgRun(path.join(bin, 'pg_ctl'), ['-D', data, '-o', options, '-l', path.join(dir, 'server.log'), '-w', '-t', '60', 'start']);
  if (start.status !== 0) {
    const logText = fs.existsSync(path.join(dir, 'server.log')) ? fs.readFileSync(path.join(dir, 'server.log'), 'utf8') : '';
    fs.rmSync(dir, { recursive: true, force: true });
    throw new PostgresSetupError(`pg_ctl start failed (exit ${start.status}): ${start.stderr || start.stdout}\n${logText}`);
  }
  const pid = Number(fs.readFileSync(path.join(data, 'postmaster.pid'), 'utf8').split('\n')[0]);
  const state = { url: `postgresql://postgres@127.0.0.1:${port}/postgres`, port, dir, pid, bin, external: false };
  if (ownerPid) watchOwner(ownerPid, state);
  log(`PostgreSQL ready on 127.0.0.1:${port} in ${Date.now() - t0} ms`);
  return state;
}

/** Stops the server (immediate shutdown: nothing in it is kept) and removes its folder. */
export async function stopPostgres(state) {
  if (!state || state.external) return;
  pgRun(path.join(state.bin, 'pg_ctl'), ['-D', path.join(state.dir, 'data'), '-m', 'immediate', '-w', 'stop']);
  fs.rmSync(state.dir, { recursive: true, force: true });
}

/** Creates an empty database and returns its URL (each test file or benchmark gets its own). */
export async function createDatabase(state, name) {
  if (!/^[a-z_][a-z0-9_]{0,62}$/.test(name)) throw new PostgresSetupError(`"${name}" is not a plain database name (lower-case letters, digits, _)`);
  const { default: pg } = await import('pg');
  const client = new pg.Client({ connectionString: state.url });
  await client.connect();
  try {
    await client.query(`CREATE DATABASE ${name}`);
  } finally {
    await client.end();
  }
  const url = new URL(state.url);
  url.pathname = `/${name}`;
  return url.toString();
}

/** A detached watcher: when `ownerPid` is gone, stop the server and remove its folder. */
function watchOwner(ownerPid, state) {
  const stop = asRoot() ? `['runuser',['-u','postgres','--',${JSON.stringify(path.join(state.bin, 'pg_ctl'))},'-D',${JSON.stringify(path.join(state.dir, 'data'))},'-m','immediate','stop']]` : `[${JSON.stringify(path.join(state.bin, 'pg_ctl'))},['-D',${JSON.stringify(path.join(state.dir, 'data'))},'-m','immediate','stop']]`;
  const code = `const {spawnSync}=require('node:child_process');const fs=require('node:fs');const o=${ownerPid},p=${state.pid};const alive=(x)=>{try{process.kill(x,0);return true}catch{return false}};
setInterval(()=>{if(!alive(p))process.exit(0);if(!alive(o)){const [c,a]=${stop};spawnSync(c,a);fs.rmSync(${JSON.stringify(state.dir)},{recursive:true,force:true});process.exit(0)}},1000);`;
  spawn(process.execPath, ['-e', code], { detached: true, stdio: 'ignore' }).unref();
}
