import { Ora2KafkaError, OracleError } from '../../model/errors';
import type { LogMinerRow, MineRequest, OracleGateway } from '../gateway';

/**
 * An OracleGateway served from another process: calls and answers are messages on a Channel
 * (Node's IPC channel in tests and benchmarks, a loopback TCP socket for `ora2kafka sim-server`).
 * Both carry bigint SCNs and Uint8Array values as they are (v8 serialization).
 *
 *   database side: serveGateway(channel, () => gateway)     engine side: new RpcGateway(channel)
 *   engine → { t: 'call', id: 7, method: 'readChunk', args: [req] }
 *   database → { t: 'ret', id: 7, ok: true, value: { rows, lastKey } }
 * `mine` streams: 'mineOpen' starts a session (value: a cursor id), each 'mineNext' returns one
 * batch (or null at the end) — fetched only when the engine asks, as the real cursor's back-pressure
 * — and 'mineClose' ends it early.
 */
export interface Channel {
  send(msg: unknown): void;
  onMessage(listener: (msg: unknown) => void): void;
  /** Called once when the other side is gone (a socket closed); channels that cannot tell omit it. */
  onClose?(listener: () => void): void;
  readonly connected: boolean;
}

type Method = Exclude<keyof OracleGateway, 'kind' | 'mine'> | 'mineOpen' | 'mineNext' | 'mineClose';

interface CallMsg {
  t: 'call';
  id: number;
  method: Method;
  args: unknown[];
}
interface RetMsg {
  t: 'ret';
  id: number;
  ok: boolean;
  value?: unknown;
  error?: WireError;
}

/** An error as it crosses the channel (class and cause stay behind). */
export interface WireError {
  code: string;
  message: string;
  retriable: boolean;
  hint?: string;
  field?: string;
  name: string;
}

export function toWireError(e: unknown): WireError {
  const err = e as Ora2KafkaError;
  return { code: err?.code ?? 'UNKNOWN', message: err?.message ?? String(e), retriable: err?.retriable ?? false, hint: err?.hint, field: err?.field, name: err?.name ?? 'Error' };
}

export function fromWireError(e: WireError): Ora2KafkaError {
  const Cls = e.code.startsWith('ORA-') || e.code.startsWith('ORACLE_') || e.code.startsWith('CONN-') || e.code === 'HOST-NOT-FOUND' ? OracleError : Ora2KafkaError;
  return new Cls(e.code, e.message, { retriable: e.retriable, hint: e.hint, field: e.field });
}

export function serveGateway(channel: Channel, gateway: () => OracleGateway): void {
  let g: OracleGateway | null = null;
  const cursors = new Map<number, AsyncIterator<LogMinerRow[]>>();
  let nextCursor = 1;
  channel.onClose?.(() => {
    for (const it of cursors.values()) void it.return?.();
    cursors.clear();
  });
  channel.onMessage((m: unknown) => {
    const msg = m as CallMsg;
    if (msg?.t !== 'call') return;
    if (msg.method === 'close') {
      reply(channel, { t: 'ret', id: msg.id, ok: true });
      return;
    }
    g ??= gateway();
    const gw = g;
    const run = (): Promise<unknown> => {
      switch (msg.method) {
        case 'mineOpen': {
          const id = nextCursor++;
          cursors.set(id, gw.mine(msg.args[0] as Parameters<OracleGateway['mine']>[0])[Symbol.asyncIterator]());
          return Promise.resolve(id);
        }
        case 'mineNext': {
          const it = cursors.get(msg.args[0] as number);
          if (!it) return Promise.resolve(null);
          return it.next().then(
            (r) => {
              if (r.done) cursors.delete(msg.args[0] as number);
              return r.done ? null : r.value;
            },
            (e: unknown) => {
              cursors.delete(msg.args[0] as number);
              throw e;
            },
          );
        }
        case 'mineClose': {
          const it = cursors.get(msg.args[0] as number);
          cursors.delete(msg.args[0] as number);
          return Promise.resolve(it?.return?.()).then(() => undefined);
        }
        default:
          return (gw[msg.method] as (...a: unknown[]) => Promise<unknown>).bind(gw)(...msg.args);
      }
    };
    run().then(
      (value) => reply(channel, { t: 'ret', id: msg.id, ok: true, value }),
      (e: unknown) => reply(channel, { t: 'ret', id: msg.id, ok: false, error: toWireError(e) }),
    );
  });
}

function reply(channel: Channel, msg: RetMsg): void {
  if (channel.connected) channel.send(msg);
}

export class RpcGateway implements OracleGateway {
  readonly kind = 'sim' as const;
  private nextId = 1;
  private readonly pending = new Map<number, { resolve: (v: unknown) => void; reject: (e: unknown) => void }>();
  private gone: Error | null = null;

  /** `lost`: the error calls fail with once the channel closes (a retriable connection error). */
  constructor(
    private readonly channel: Channel,
    lost: () => Error = () => new OracleError('ORA-03113', 'The simulated database closed the connection (ORA-03113: end-of-file on communication channel).', { retriable: true, hint: 'The task retries within its retry window; check that the simulator process is running.' }),
  ) {
    channel.onMessage((m: unknown) => {
      const msg = m as RetMsg;
      if (msg?.t !== 'ret') return;
      const p = this.pending.get(msg.id);
      if (!p) return;
      this.pending.delete(msg.id);
      if (msg.ok) p.resolve(msg.value);
      else p.reject(fromWireError(msg.error!));
    });
    channel.onClose?.(() => {
      this.gone = lost();
      for (const p of this.pending.values()) p.reject(this.gone);
      this.pending.clear();
    });
  }

  private call<T>(method: Method, ...args: unknown[]): Promise<T> {
    if (this.gone) return Promise.reject(this.gone);
    const id = this.nextId++;
    return new Promise<T>((resolve, reject) => {
      this.pending.set(id, { resolve: resolve as (v: unknown) => void, reject });
      this.channel.send({ t: 'call', id, method, args } satisfies CallMsg);
    });
  }

  close = () => this.call<void>('close');
  databaseInfo = () => this.call<Awaited<ReturnType<OracleGateway['databaseInfo']>>>('databaseInfo');
  databaseFlags = () => this.call<Awaited<ReturnType<OracleGateway['databaseFlags']>>>('databaseFlags');
  sessionPrivileges = () => this.call<Awaited<ReturnType<OracleGateway['sessionPrivileges']>>>('sessionPrivileges');
  currentScn = () => this.call<bigint>('currentScn');
  databaseTimeMs = () => this.call<number>('databaseTimeMs');
  scnToTimeMs: OracleGateway['scnToTimeMs'] = (scn) => this.call('scnToTimeMs', scn);
  listSchemas = () => this.call<string[]>('listSchemas');
  listTables: OracleGateway['listTables'] = (owner) => this.call('listTables', owner);
  describeTable: OracleGateway['describeTable'] = (owner, table) => this.call('describeTable', owner, table);
  listObjects: OracleGateway['listObjects'] = (owner, types) => this.call('listObjects', owner, types);
  objectDdl: OracleGateway['objectDdl'] = (owner, type, name) => this.call('objectDdl', owner, type, name);
  readChunk: OracleGateway['readChunk'] = (req) => this.call('readChunk', req);
  countRows: OracleGateway['countRows'] = (owner, table, scn, filter) => this.call('countRows', owner, table, scn, filter);
  rowidRanges: OracleGateway['rowidRanges'] = (owner, table) => this.call('rowidRanges', owner, table);
  openTransactions: OracleGateway['openTransactions'] = () => this.call('openTransactions');
  logFilesFor: OracleGateway['logFilesFor'] = (from, to) => this.call('logFilesFor', from, to);
  dictionaryBuildAtOrBefore: OracleGateway['dictionaryBuildAtOrBefore'] = (scn) => this.call('dictionaryBuildAtOrBefore', scn);
  redoThreads: OracleGateway['redoThreads'] = () => this.call('redoThreads');
  archivedLogVolume: OracleGateway['archivedLogVolume'] = (hours) => this.call('archivedLogVolume', hours);
  flushRedo: OracleGateway['flushRedo'] = () => this.call('flushRedo');
  ensureFlushTable: OracleGateway['ensureFlushTable'] = () => this.call('ensureFlushTable');
  ensureHeartbeatTable: OracleGateway['ensureHeartbeatTable'] = () => this.call('ensureHeartbeatTable');
  writeHeartbeat: OracleGateway['writeHeartbeat'] = (taskId) => this.call('writeHeartbeat', taskId);
  async *mine(req: MineRequest): AsyncGenerator<LogMinerRow[]> {
    const id = await this.call<number>('mineOpen', req);
    let done = false;
    try {
      for (;;) {
        const batch = await this.call<LogMinerRow[] | null>('mineNext', id);
        if (batch === null) {
          done = true;
          return;
        }
        yield batch;
      }
    } catch (e) {
      done = true; // the database side dropped the cursor with the error
      throw e;
    } finally {
      if (!done) await this.call('mineClose', id).catch(() => undefined);
    }
  }
}
