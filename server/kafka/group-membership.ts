import type { Kafka } from 'kafkajs';
import { createCluster, findGroupCoordinator, type KjsCluster, type KjsGroupCoordinator } from './wire/kafkajs-internals';

/**
 * Membership of one Kafka group through the classic group protocol, the way Kafka Connect's
 * distributed workers use it: the broker's group coordinator keeps the member list, notices a
 * member that stops heartbeating within the session timeout, and starts a rebalance; the member it
 * names leader computes everyone's assignment, which the coordinator hands out with SyncGroup.
 * Nothing is decided outside Kafka.
 *
 *   JoinGroup(protocolType "ora2kafka-worker", protocols [{ name, metadata: <this member's state> }])
 *     → generation 7, leader "w2-…", members [{ memberId, metadata }, …]   (members only for the leader)
 *   SyncGroup(generation 7, leader: [{ memberId, assignment }, …])  → this member's assignment bytes
 *   Heartbeat every `heartbeatIntervalMs` until the coordinator answers REBALANCE_IN_PROGRESS → join again
 *
 * The metadata and assignment bytes are the caller's (server/host/worker-protocol.ts). kafkajs's
 * consumer speaks the same protocol but keeps an assignment's user data to itself and insists on
 * subscribing to topics, so this member sends the requests itself through kafkajs's broker
 * connections (wire/kafkajs-internals.ts), which handle TLS, SASL and version negotiation.
 *
 * `onLost` fires when the group no longer counts this member (UNKNOWN_MEMBER_ID after its session
 * expired) or when no heartbeat succeeded for a whole session timeout: the coordinator has then
 * given its work to others, so the caller must stop it. The member then joins again as a new one.
 */
export interface GroupMemberInfo {
  memberId: string;
  metadata: Buffer;
}

export interface GroupAssignment {
  generation: number;
  memberId: string;
  leaderId: string;
  isLeader: boolean;
  assignment: Buffer;
}

export interface GroupMemberOptions {
  groupId: string;
  /** JoinGroup's protocol type; every member of the group must use the same one. */
  protocolType: string;
  /** The assignment protocol's name (one per member, like Connect's "sessioned"). */
  protocol: string;
  sessionTimeoutMs: number;
  rebalanceTimeoutMs: number;
  heartbeatIntervalMs: number;
  /** This member's state, sent with every JoinGroup. */
  metadata(): Buffer;
  /** Leader only: every member's assignment for this generation. */
  assign(members: GroupMemberInfo[], generation: number): Promise<Map<string, Buffer>>;
  onAssigned(a: GroupAssignment): void;
  onLost(reason: string): void;
  onHeartbeat?(atMs: number): void;
  log?(level: 'info' | 'warn', message: string): void;
}

type KjsError = Error & { type?: string };

const COORDINATOR_MOVED = new Set(['NOT_COORDINATOR', 'NOT_COORDINATOR_FOR_GROUP', 'COORDINATOR_NOT_AVAILABLE', 'GROUP_COORDINATOR_NOT_AVAILABLE', 'COORDINATOR_LOAD_IN_PROGRESS', 'GROUP_LOAD_IN_PROGRESS']);

export class GroupMember {
  private readonly cluster: KjsCluster;
  private coordinator: KjsGroupCoordinator | null = null;
  private memberId = '';
  private generation = -1;
  private stopping = false;
  private rejoinRequested = false;
  private lastContactMs = Date.now();
  /** Whether this member holds an assignment it has not yet been told it lost. */
  private holding = false;
  private wake: (() => void) | null = null;
  private loopDone: Promise<void> | null = null;

  constructor(
    kafka: Kafka,
    private readonly opts: GroupMemberOptions,
  ) {
    this.cluster = createCluster(kafka);
  }

  get id(): string {
    return this.memberId;
  }

  /** Keeps this member in the group until stop(); connection trouble is retried (and logged), never thrown. */
  start(): void {
    this.loopDone ??= this.loop();
  }

  /** Joins again soon (a follower's changed metadata, or the leader, starts a rebalance). */
  rejoin(): void {
    this.rejoinRequested = true;
    this.wake?.();
  }

  /** Leaves the group (the coordinator rebalances at once, without waiting for the session timeout) and disconnects. */
  async stop(): Promise<void> {
    this.stopping = true;
    this.wake?.();
    await this.loopDone?.catch(() => undefined);
    if (this.memberId && this.coordinator) await this.coordinator.leaveGroup({ groupId: this.opts.groupId, memberId: this.memberId }).catch(() => undefined);
    this.memberId = '';
    await this.cluster.disconnect().catch(() => undefined);
  }

  private async loop(): Promise<void> {
    let backoffMs = 100;
    while (!this.stopping) {
      try {
        await this.joinAndSync();
        backoffMs = 100;
        await this.heartbeatUntilRebalance();
      } catch (e) {
        if (this.stopping) return;
        const type = (e as KjsError).type ?? '';
        if (type === 'UNKNOWN_MEMBER_ID') {
          this.memberId = '';
          this.lose('the group coordinator no longer knows this member (its session expired)');
          continue;
        }
        if (type === 'REBALANCE_IN_PROGRESS' || type === 'ILLEGAL_GENERATION') continue;
        if (COORDINATOR_MOVED.has(type)) this.coordinator = null;
        else this.opts.log?.('warn', `group ${this.opts.groupId}: ${(e as Error).message}; trying again`);
        this.checkSession();
        await this.sleep(backoffMs);
        backoffMs = Math.min(2000, backoffMs * 2);
        // A broken connection shows up as any error; finding the coordinator again reconnects.
        if (!COORDINATOR_MOVED.has(type)) this.coordinator = null;
      }
    }
  }

  private async joinAndSync(): Promise<void> {
    if (!this.cluster.isConnected()) await this.cluster.connect();
    this.coordinator ??= await findGroupCoordinator(this.cluster, this.opts.groupId);
    const c = this.coordinator;
    this.rejoinRequested = false;
    const join = await c.joinGroup({
      groupId: this.opts.groupId,
      sessionTimeout: this.opts.sessionTimeoutMs,
      rebalanceTimeout: this.opts.rebalanceTimeoutMs,
      memberId: this.memberId,
      protocolType: this.opts.protocolType,
      groupProtocols: [{ name: this.opts.protocol, metadata: this.opts.metadata() }],
    });
    this.memberId = join.memberId;
    this.generation = join.generationId;
    const isLeader = join.leaderId === join.memberId;
    let groupAssignment: { memberId: string; memberAssignment: Buffer }[] = [];
    if (isLeader) {
      const map = await this.opts.assign(
        join.members.map((m) => ({ memberId: m.memberId, metadata: m.memberMetadata })),
        join.generationId,
      );
      groupAssignment = [...map].map(([memberId, memberAssignment]) => ({ memberId, memberAssignment }));
    }
    const sync = await c.syncGroup({ groupId: this.opts.groupId, generationId: join.generationId, memberId: join.memberId, groupAssignment });
    this.contact();
    this.holding = true;
    this.opts.onAssigned({ generation: join.generationId, memberId: join.memberId, leaderId: join.leaderId, isLeader, assignment: sync.memberAssignment });
  }

  private async heartbeatUntilRebalance(): Promise<void> {
    for (;;) {
      await this.sleep(this.opts.heartbeatIntervalMs);
      if (this.stopping || this.rejoinRequested) return;
      // A process that was frozen (or starved) longer than a session has lost its group already:
      // say so before anything else runs on its behalf.
      this.checkSession();
      try {
        await this.coordinator!.heartbeat({ groupId: this.opts.groupId, groupGenerationId: this.generation, memberId: this.memberId });
        this.contact();
      } catch (e) {
        const type = (e as KjsError).type ?? '';
        if (type === 'REBALANCE_IN_PROGRESS') return;
        if (type === 'UNKNOWN_MEMBER_ID' || type === 'ILLEGAL_GENERATION' || COORDINATOR_MOVED.has(type)) throw e;
        // Network trouble: keep trying until the session is surely gone.
        this.checkSession();
        this.opts.log?.('warn', `group ${this.opts.groupId}: heartbeat failed (${(e as Error).message})`);
        this.coordinator = null;
        throw e;
      }
    }
  }

  private contact(): void {
    this.lastContactMs = Date.now();
    this.opts.onHeartbeat?.(this.lastContactMs);
  }

  private checkSession(): void {
    if (this.holding && Date.now() - this.lastContactMs > this.opts.sessionTimeoutMs) {
      this.lose(`no contact with the group coordinator for ${Math.round((Date.now() - this.lastContactMs) / 1000)} s (session timeout ${this.opts.sessionTimeoutMs / 1000} s)`);
    }
  }

  private lose(reason: string): void {
    if (!this.holding) return;
    this.holding = false;
    this.opts.onLost(reason);
  }

  private sleep(ms: number): Promise<void> {
    if (this.stopping || this.rejoinRequested) return Promise.resolve();
    return new Promise((resolve) => {
      const t = setTimeout(done, ms);
      function done() {
        clearTimeout(t);
        resolve();
      }
      this.wake = () => {
        this.wake = null;
        done();
      };
    });
  }
}
