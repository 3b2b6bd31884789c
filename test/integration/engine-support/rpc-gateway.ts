import type { ChildProcess } from 'node:child_process';
import { Ora2KafkaError, OracleError } from '../../../server/model/errors';
import type { OracleGateway } from '../../../server/oracle/gateway';

/**
 * The simulated database must outlive the engine process for kill -9 tests, as a real database
 * does: it lives in the test process, and the engine (a child process) reaches it through this
 * OracleGateway proxy over Node's IPC channel (advanced serialization carries bigint SCNs and
 * Uint8Array values as they are).
 *
 *   parent: serveGateway(child, gateway)        child: const g = new RpcGateway()
 *   child → { t: 'call', id: 7, method: 'readChunk', args: [req] }
 *   parent → { t: 'ret', id: 7, ok: true, value: { rows, lastKey } }
 */
type Method = Exclude<keyof OracleGateway, 'kind'>;

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
  error?: { code: string; message: string; retriable: boolean; hint?: string; field?: string; name: string };
}

export function serveGateway(child: ChildProcess, gateway: () => OracleGateway): void {
  let g: OracleGateway | null = null;
  child.on('message', (m: unknown) => {
    const msg = m as CallMsg;
    if (msg?.t !== 'call') return;
    if (msg.method === 'close') {
      reply(child, { t: 'ret', id: msg.id, ok: true });
      return;
    }
    g ??= gateway();
    const fn = (g[msg.method] as (...a: unknown[]) => Promise<unknown>).bind(g);
    fn(...msg.args).then(
      (value) => reply(child, { t: 'ret', id: msg.id, ok: true, value }),
      (e: unknown) => {
        const err = e as Ora2KafkaError;
        reply(child, {
          t: 'ret',
          id: msg.id,
          ok: false,
          error: { code: err.code ?? 'UNKNOWN', message: err.message, retriable: err.retriable ?? false, hint: err.hint, field: err.field, name: err.name },
        });
      },
    );
  });
}

function reply(child: ChildProcess, msg: RetMsg): void {
  if (child.connected) child.send(msg, () => undefined);
}

export class RpcGateway implements OracleGateway {
  readonly kind = 'sim' as const;
  private nextId = 1;
  private readonly pending = new Map<number, { resolve: (v: unknown) => void; reject: (e: unknown) => void }>();

  constructor() {
    process.on('message', (m: unknown) => {
      const msg = m as RetMsg;
      if (msg?.t !== 'ret') return;
      const p = this.pending.get(msg.id);
      if (!p) return;
      this.pending.delete(msg.id);
      if (msg.ok) p.resolve(msg.value);
      else {
        const e = msg.error!;
        const Cls = e.code.startsWith('ORA-') || e.code.startsWith('ORACLE_') ? OracleError : Ora2KafkaError;
        p.reject(new Cls(e.code, e.message, { retriable: e.retriable, hint: e.hint, field: e.field }));
      }
    });
  }

  private call<T>(method: Method, ...args: unknown[]): Promise<T> {
    const id = this.nextId++;
    return new Promise<T>((resolve, reject) => {
      this.pending.set(id, { resolve: resolve as (v: unknown) => void, reject });
      process.send!({ t: 'call', id, method, args } satisfies CallMsg);
    });
  }

  close = () => this.call<void>('close');
  databaseInfo = () => this.call<Awaited<ReturnType<OracleGateway['databaseInfo']>>>('databaseInfo');
  databaseFlags = () => this.call<Awaited<ReturnType<OracleGateway['databaseFlags']>>>('databaseFlags');
  sessionPrivileges = () => this.call<Awaited<ReturnType<OracleGateway['sessionPrivileges']>>>('sessionPrivileges');
  currentScn = () => this.call<bigint>('currentScn');
  scnToTimeMs: OracleGateway['scnToTimeMs'] = (scn) => this.call('scnToTimeMs', scn);
  listSchemas = () => this.call<string[]>('listSchemas');
  listTables: OracleGateway['listTables'] = (owner) => this.call('listTables', owner);
  describeTable: OracleGateway['describeTable'] = (owner, table) => this.call('describeTable', owner, table);
  listObjects: OracleGateway['listObjects'] = (owner, types) => this.call('listObjects', owner, types);
  objectDdl: OracleGateway['objectDdl'] = (owner, type, name) => this.call('objectDdl', owner, type, name);
  readChunk: OracleGateway['readChunk'] = (req) => this.call('readChunk', req);
  countRows: OracleGateway['countRows'] = (owner, table, scn, filter) => this.call('countRows', owner, table, scn, filter);
  openTransactions: OracleGateway['openTransactions'] = () => this.call('openTransactions');
  logFilesFor: OracleGateway['logFilesFor'] = (from, to) => this.call('logFilesFor', from, to);
  mine: OracleGateway['mine'] = (req) => this.call('mine', req);
}
