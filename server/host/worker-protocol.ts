/**
 * What the workers of a cluster tell each other through their Kafka group (group-membership.ts):
 * each member's metadata on JoinGroup, and the leader's assignment for each member on SyncGroup.
 * JSON, versioned, small:
 *
 *   metadata   {"v":1,"worker":"w-db7-4121-9f3a","host":"db7","version":"0.1.0","owned":["o2k-5fdf3f9f-cd54"]}
 *   assignment {"v":1,"generation":12,"leader":"w-db7-4121-9f3a","tasks":["o2k-5fdf3f9f-cd54"],"handOver":["o2k-77aa01c2-19e0"]}
 *
 * `owned`: the tasks the worker runs right now (sticky assignment keeps them where they are).
 * `handOver`: tasks it must stop so that another worker can start them; it joins again once they
 * are stopped, and the next generation gives them to their new worker (no two workers ever run a
 * task at once on purpose; fencing guards the accidents).
 */
export const WORKER_PROTOCOL_TYPE = 'ora2kafka-worker';
export const WORKER_ASSIGNOR = 'ora2kafka-sticky-weighted';

export interface WorkerMetadata {
  v: 1;
  worker: string;
  host: string;
  version: string;
  owned: string[];
}

export interface WorkerAssignment {
  v: 1;
  generation: number;
  leader: string;
  tasks: string[];
  handOver: string[];
}

export function encodeMetadata(m: Omit<WorkerMetadata, 'v'>): Buffer {
  return Buffer.from(JSON.stringify({ v: 1, ...m }));
}

/** A member whose metadata cannot be read (another version, a stranger in the group) owns nothing and gets nothing. */
export function decodeMetadata(buf: Buffer): WorkerMetadata | null {
  try {
    const m = JSON.parse(buf.toString('utf8')) as Partial<WorkerMetadata>;
    if (m.v !== 1 || typeof m.worker !== 'string' || !Array.isArray(m.owned)) return null;
    return { v: 1, worker: m.worker, host: String(m.host ?? ''), version: String(m.version ?? ''), owned: m.owned.filter((t): t is string => typeof t === 'string') };
  } catch {
    return null;
  }
}

export function encodeAssignment(a: Omit<WorkerAssignment, 'v'>): Buffer {
  return Buffer.from(JSON.stringify({ v: 1, ...a }));
}

/** An empty or unreadable assignment means: run nothing. */
export function decodeAssignment(buf: Buffer | null | undefined): WorkerAssignment {
  try {
    const a = JSON.parse((buf ?? Buffer.alloc(0)).toString('utf8')) as Partial<WorkerAssignment>;
    if (a.v === 1 && Array.isArray(a.tasks)) return { v: 1, generation: Number(a.generation ?? -1), leader: String(a.leader ?? ''), tasks: a.tasks.map(String), handOver: (a.handOver ?? []).map(String) };
  } catch {
    /* fall through */
  }
  return { v: 1, generation: -1, leader: '', tasks: [], handOver: [] };
}
