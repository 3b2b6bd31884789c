import { randomBytes } from 'node:crypto';
import { hostname } from 'node:os';
import { createKafka } from '../kafka/client';
import { GroupMember, type GroupAssignment, type GroupMemberInfo } from '../kafka/group-membership';
import { clusterGroupId } from '../model/cluster';
import type { KafkaDestination } from '../model/kafka-destination';
import { markWorkerStopped, recordHeartbeat, recordMembership, registerWorker, RUNNING_STATUSES, runnableTasks, taskStates } from '../store/worker-repository';
import { appVersion } from './app-version';
import { assignTasks } from './assignor';
import { decodeAssignment, decodeMetadata, encodeAssignment, encodeMetadata, WORKER_ASSIGNOR, WORKER_PROTOCOL_TYPE, type WorkerAssignment } from './worker-protocol';
import { endedOnWorker, pauseOnWorker, releaseOnWorker, startOnWorker, stopOnWorker, type StopReason, type WorkerSelf, type WorkerTask } from './worker-tasks';

/**
 * A worker of a cluster (`ora2kafka worker --cluster NAME`, or the console's embedded one on
 * PostgreSQL): it runs the tasks the cluster's Kafka group assigns it and nothing else.
 *
 *   const w = new Worker({ cluster: 'default', group: { brokers: ['10.0.0.5:9092'] } });
 *   await w.start();   // registers in the metadata DB, joins group "ora2kafka-cluster-default"
 *   await w.stop();    // commits and stops its tasks, leaves the group: the others take them at once
 *
 * Kafka does membership and failure detection (group-membership.ts); the member the coordinator
 * makes leader assigns the cluster's runnable tasks (assignor.ts) and starts a new generation when
 * that set changes (a task started, paused, resumed, finished). Each worker also carries out what
 * the console asks of its own tasks (Task.request: pause, release) and restarts an assigned task
 * that was resumed in place.
 */
export interface WorkerOptions {
  cluster: string;
  /** The Kafka cluster whose group coordinator the workers share (ORA2KAFKA_GROUP_BROKERS). */
  group: Pick<KafkaDestination, 'brokers' | 'connectionMethod' | 'username' | 'password' | 'tls' | 'caPem'>;
  sessionTimeoutMs?: number;
  rebalanceTimeoutMs?: number;
  heartbeatIntervalMs?: number;
  /** How often the worker reads its tasks' requests (and the leader the runnable set). */
  pollIntervalMs?: number;
  log?: (line: string) => void;
}

interface Slot {
  task: WorkerTask | null;
  /** start → run → stop, one step after another. */
  op: Promise<void>;
  ending: boolean;
}

export class Worker implements WorkerSelf {
  readonly id: string;
  readonly host = hostname();
  readonly cluster: string;
  private readonly settings: Required<Omit<WorkerOptions, 'cluster' | 'group' | 'log'>>;
  private readonly member: GroupMember;
  private readonly slots = new Map<string, Slot>();
  private assignment: WorkerAssignment | null = null;
  private leader = false;
  /** Leader: the runnable set its last assignment was made from. */
  private assignedFrom = '';
  private poller: NodeJS.Timeout | null = null;
  private polling = false;
  private stopping = false;
  private lastHeartbeatWriteMs = 0;

  constructor(private readonly opts: WorkerOptions) {
    this.cluster = opts.cluster;
    this.id = `w-${this.host.replace(/[^a-zA-Z0-9-]/g, '-').slice(0, 40)}-${process.pid}-${randomBytes(2).toString('hex')}`;
    const sessionTimeoutMs = opts.sessionTimeoutMs ?? 10_000;
    this.settings = {
      sessionTimeoutMs,
      rebalanceTimeoutMs: opts.rebalanceTimeoutMs ?? 60_000,
      heartbeatIntervalMs: opts.heartbeatIntervalMs ?? Math.max(500, Math.min(3000, Math.floor(sessionTimeoutMs / 6))),
      pollIntervalMs: opts.pollIntervalMs ?? 1000,
    };
    const kafka = createKafka(opts.group, { clientId: `ora2kafka-${this.id}`, requestTimeoutMs: Math.max(5000, sessionTimeoutMs), retry: { retries: 2, initialRetryTime: 200, maxRetryTime: 2000 } });
    this.member = new GroupMember(kafka, {
      groupId: clusterGroupId(this.cluster),
      protocolType: WORKER_PROTOCOL_TYPE,
      protocol: WORKER_ASSIGNOR,
      sessionTimeoutMs,
      rebalanceTimeoutMs: this.settings.rebalanceTimeoutMs,
      heartbeatIntervalMs: this.settings.heartbeatIntervalMs,
      // Tasks being stopped are not claimed: after a lost session they are on their way to another worker.
      metadata: () => encodeMetadata({ worker: this.id, host: this.host, version: appVersion(), owned: [...this.slots].filter(([, s]) => !s.ending).map(([t]) => t).sort() }),
      assign: (members, generation) => this.assign(members, generation),
      onAssigned: (a) => this.assigned(a),
      onLost: (reason) => this.lost(reason),
      onHeartbeat: (at) => this.heartbeat(at),
      log: (_level, message) => this.log(message),
    });
  }

  /** Tasks this worker runs now (started, or still stopping). */
  get tasks(): string[] {
    return [...this.slots.keys()].sort();
  }

  async start(): Promise<void> {
    await registerWorker({ id: this.id, cluster: this.cluster, host: this.host, pid: process.pid, version: appVersion(), sessionTimeoutMs: this.settings.sessionTimeoutMs });
    this.member.start();
    this.poller = setInterval(() => void this.poll(), this.settings.pollIntervalMs);
    this.log(`worker ${this.id} joined cluster "${this.cluster}" (group ${clusterGroupId(this.cluster)}, session timeout ${this.settings.sessionTimeoutMs} ms)`);
  }

  /** Graceful stop: every task commits what it read and stops, then the worker leaves the group so the others take over at once. */
  async stop(): Promise<void> {
    if (this.stopping) return;
    this.stopping = true;
    if (this.poller) clearInterval(this.poller);
    await Promise.all([...this.slots.keys()].map((t) => this.stopTask(t, { why: 'shutdown' })));
    await this.member.stop();
    await markWorkerStopped(this.id).catch(() => undefined);
    this.log(`worker ${this.id} left cluster "${this.cluster}"`);
  }

  private async assign(members: GroupMemberInfo[], generation: number): Promise<Map<string, Buffer>> {
    const tasks = await runnableTasks(this.cluster);
    this.assignedFrom = signature(tasks);
    const plans = assignTasks(
      members.map((m) => ({ memberId: m.memberId, owned: decodeMetadata(m.metadata)?.owned ?? [] })),
      tasks,
    );
    return new Map([...plans].map(([memberId, p]) => [memberId, encodeAssignment({ generation, leader: this.id, tasks: p.tasks, handOver: p.handOver })]));
  }

  private assigned(a: GroupAssignment): void {
    const next = decodeAssignment(a.assignment);
    this.assignment = next;
    this.leader = a.isLeader;
    void recordMembership(this.id, { memberId: a.memberId, generation: a.generation, leader: a.isLeader }).catch(() => undefined);
    this.log(`generation ${a.generation}${a.isLeader ? ' (leader)' : ''}: runs ${next.tasks.length ? next.tasks.join(', ') : 'no tasks'}${next.handOver.length ? `; hands over ${next.handOver.join(', ')}` : ''}`);
    if (this.stopping) return;
    const keep = new Set(next.tasks);
    const handOvers: Promise<void>[] = [];
    for (const taskId of this.slots.keys()) {
      if (keep.has(taskId)) continue;
      const p = this.stopTask(taskId, { why: next.handOver.includes(taskId) ? 'handover' : 'unassigned', generation: a.generation });
      if (next.handOver.includes(taskId)) handOvers.push(p);
    }
    // Once the handed-over tasks are stopped, a new generation gives them to their next worker.
    if (next.handOver.length > 0) void Promise.all(handOvers).then(() => this.member.rejoin());
    for (const taskId of next.tasks) if (!this.slots.has(taskId)) this.startTask(taskId, a.generation);
  }

  private lost(reason: string): void {
    this.log(`lost its group session: ${reason}; stopping ${this.slots.size} task(s)`);
    this.assignment = null;
    this.leader = false;
    for (const taskId of this.slots.keys()) void this.stopTask(taskId, { why: 'lost', detail: reason });
  }

  private heartbeat(at: number): void {
    if (at - this.lastHeartbeatWriteMs < 1000) return;
    this.lastHeartbeatWriteMs = at;
    void recordHeartbeat(this.id).catch(() => undefined);
  }

  private startTask(taskId: string, generation: number): void {
    const slot: Slot = { task: null, op: Promise.resolve(), ending: false };
    this.slots.set(taskId, slot);
    slot.op = (async () => {
      try {
        slot.task = await startOnWorker(this, taskId, generation, (line) => this.log(line));
        if (!slot.task) {
          if (this.slots.get(taskId) === slot) this.slots.delete(taskId);
          return;
        }
        void slot.task.runner.done.then(() => this.runnerEnded(taskId, slot));
      } catch (e) {
        this.log(`could not start task ${taskId}: ${e instanceof Error ? e.message : String(e)}`);
        if (this.slots.get(taskId) === slot) this.slots.delete(taskId);
      }
    })();
  }

  private stopTask(taskId: string, reason: StopReason): Promise<void> {
    return this.endSlot(taskId, (t) => stopOnWorker(this, t, reason));
  }

  private endSlot(taskId: string, end: (t: WorkerTask) => Promise<void>): Promise<void> {
    const slot = this.slots.get(taskId);
    if (!slot) return Promise.resolve();
    if (slot.ending) return slot.op;
    slot.ending = true;
    slot.op = slot.op
      .then(() => (slot.task ? end(slot.task) : undefined))
      .catch((e: unknown) => this.log(`task ${taskId}: ${e instanceof Error ? e.message : String(e)}`))
      .finally(() => {
        if (this.slots.get(taskId) === slot) this.slots.delete(taskId);
      });
    return slot.op;
  }

  private runnerEnded(taskId: string, slot: Slot): void {
    if (slot.ending || this.slots.get(taskId) !== slot) return;
    void this.endSlot(taskId, (t) => endedOnWorker(this, t));
  }

  /** Requests for this worker's tasks, restarts of assigned tasks resumed in place, and (leader) a new generation when the runnable set changed. */
  private async poll(): Promise<void> {
    if (this.polling || this.stopping) return;
    this.polling = true;
    try {
      if (this.leader && signature(await runnableTasks(this.cluster)) !== this.assignedFrom) this.member.rejoin();
      const assigned = this.assignment?.tasks ?? [];
      const ids = [...new Set([...this.slots.keys(), ...assigned])];
      const states = await taskStates(ids);
      for (const id of ids) {
        const state = states.get(id);
        const slot = this.slots.get(id);
        if (slot && !slot.ending && state?.request === 'pause') void this.endSlot(id, (t) => pauseOnWorker(this, t));
        else if (slot && !slot.ending && state?.request === 'release') void this.endSlot(id, (t) => releaseOnWorker(this, t));
        else if (!slot && assigned.includes(id) && state && RUNNING_STATUSES.includes(state.status) && state.request === null) this.startTask(id, this.assignment!.generation);
      }
    } catch (e) {
      this.log(`could not read the cluster's tasks: ${e instanceof Error ? e.message : String(e)}`);
    } finally {
      this.polling = false;
    }
  }

  private log(line: string): void {
    (this.opts.log ?? ((l: string) => console.log(l)))(`[worker ${this.cluster}] ${line}`);
  }
}

function signature(tasks: { id: string; weight: number }[]): string {
  return tasks.map((t) => `${t.id}:${t.weight}`).join(',');
}
