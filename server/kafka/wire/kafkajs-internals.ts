import { createRequire } from 'node:module';
import type { Kafka } from 'kafkajs';

/**
 * The one place that reaches inside kafkajs (pinned at 2.2.4, the project's final release). Our
 * transactional producer writes its own record batches but keeps kafkajs for everything around
 * them: connections, TLS and SASL, API-version negotiation, metadata, coordinator lookup and the
 * InitProducerId / AddPartitionsToTxn / EndTxn requests. kafkajs exposes none of that publicly,
 * so this file names exactly what is used; `kafkajs-internals.test.ts` fails if an upgrade moves it.
 */

export interface ProtocolRequest {
  request: { apiKey: number; apiVersion: number; apiName: string; expectResponse?: () => boolean; encode: () => Promise<{ buf: Buffer; buffer: Buffer }> };
  response: { decode: (payload: Buffer) => Promise<unknown>; parse: (decoded: unknown) => Promise<unknown> };
}

interface KjsConnection {
  sasl: unknown;
  clientId: string;
  isConnected(): boolean;
  isAuthenticated(): boolean;
  nextCorrelationId(): number;
  socket: { write(b: Buffer): boolean };
  requestQueue: {
    push(r: {
      entry: { apiKey: number; apiName: string; apiVersion: number; correlationId: number; resolve: (r: { payload: Buffer }) => void; reject: (e: Error) => void };
      expectResponse: boolean;
      requestTimeout: number | null;
      sendRequest: () => void;
    }): void;
  };
}

export interface KjsBroker {
  nodeId: number;
  connectionPool: { send(req: ProtocolRequest): Promise<unknown>; getConnection(index?: number): Promise<KjsConnection>; host: string; port: number };
  disconnect(): Promise<void>;
  initProducerId(a: { transactionalId: string; transactionTimeout: number }): Promise<{ producerId: string; producerEpoch: number }>;
  addPartitionsToTxn(a: { transactionalId: string; producerId: string; producerEpoch: number; topics: { topic: string; partitions: number[] }[] }): Promise<unknown>;
  endTxn(a: { transactionalId: string; producerId: string; producerEpoch: number; transactionResult: boolean }): Promise<unknown>;
}

/**
 * The classic group protocol's requests on a group coordinator (group-membership.ts): kafkajs's
 * consumer keeps an assignment's user data to itself, so the worker group sends these directly.
 */
export interface KjsGroupCoordinator {
  joinGroup(a: {
    groupId: string;
    sessionTimeout: number;
    rebalanceTimeout: number;
    memberId: string;
    protocolType: string;
    groupProtocols: { name: string; metadata: Buffer }[];
  }): Promise<{ generationId: number; groupProtocol: string; leaderId: string; memberId: string; members: { memberId: string; memberMetadata: Buffer }[] }>;
  syncGroup(a: { groupId: string; generationId: number; memberId: string; groupAssignment: { memberId: string; memberAssignment: Buffer }[] }): Promise<{ memberAssignment: Buffer }>;
  heartbeat(a: { groupId: string; groupGenerationId: number; memberId: string }): Promise<unknown>;
  leaveGroup(a: { groupId: string; memberId: string }): Promise<unknown>;
}

/** The group coordinator of `groupId`, with the group requests (kafkajs's Broker has them all). */
export async function findGroupCoordinator(cluster: KjsCluster, groupId: string): Promise<KjsGroupCoordinator> {
  return (await cluster.findGroupCoordinator({ groupId, coordinatorType: GROUP_COORDINATOR })) as unknown as KjsGroupCoordinator;
}

export interface KjsCluster {
  connect(): Promise<void>;
  disconnect(): Promise<void>;
  isConnected(): boolean;
  refreshMetadata(): Promise<void>;
  addMultipleTargetTopics(topics: string[]): Promise<void>;
  findTopicPartitionMetadata(topic: string): { partitionId: number; leader: number }[];
  findBroker(a: { nodeId: number | string }): Promise<KjsBroker>;
  findGroupCoordinator(a: { groupId: string; coordinatorType: number }): Promise<KjsBroker>;
}

/** kafkajs's protocol error for a Kafka error code (`type`, `code`, `retriable`, as its own requests throw). */
export type ProtocolErrorFactory = (code: number) => Error & { type: string; code: number; retriable: boolean };

const require = createRequire(import.meta.url);

/** FindCoordinator key type of a transaction coordinator. */
export const TRANSACTION_COORDINATOR = 1;
/** FindCoordinator key type of a group coordinator. */
export const GROUP_COORDINATOR = 0;

/** A kafkajs Cluster built from the same client settings (brokers, TLS, SASL, timeouts, logger) as `kafka`. */
export function createCluster(kafka: Kafka): KjsCluster {
  const symbol = Object.getOwnPropertySymbols(kafka).find((s) => s.description === 'private:Kafka:createCluster');
  const make = symbol === undefined ? undefined : (kafka as unknown as Record<symbol, unknown>)[symbol];
  if (typeof make !== 'function') throw new Error('kafkajs internals changed: Kafka has no createCluster; the transactional producer needs kafkajs 2.2.x');
  return (make as (o: object) => KjsCluster)({ allowAutoTopicCreation: false, maxInFlightRequests: null, instrumentationEmitter: null });
}

export const protocolError: ProtocolErrorFactory = (require('kafkajs/src/protocol/error.js') as { createErrorFromCode: ProtocolErrorFactory }).createErrorFromCode;

/**
 * Sends a request already framed by us (size, header, body in one buffer, correlation id left
 * blank at `correlationIdOffset`) on the broker's produce connection and resolves with the
 * response payload. kafkajs's own path would copy the request twice into fresh zero-filled
 * buffers; this writes ours to the socket as is. A connection that still needs SASL
 * (re-)authentication goes through kafkajs's path (`fallback`), which authenticates first.
 */
export async function sendFramed<T>(broker: KjsBroker, frame: Buffer, correlationIdOffset: number, apiKey: number, apiVersion: number, apiName: string, decode: (payload: Buffer) => T, fallback: () => ProtocolRequest): Promise<T> {
  const connection = await broker.connectionPool.getConnection(0);
  if (!connection.isConnected() || (connection.sasl && !connection.isAuthenticated())) return (await broker.connectionPool.send(fallback())) as T;
  const correlationId = connection.nextCorrelationId();
  frame.writeInt32BE(correlationId, correlationIdOffset);
  const { payload } = await new Promise<{ payload: Buffer }>((resolve, reject) => {
    connection.requestQueue.push({
      entry: { apiKey, apiName, apiVersion, correlationId, resolve, reject },
      expectResponse: true,
      requestTimeout: null,
      sendRequest: () => connection.socket.write(frame),
    });
  });
  return decode(payload);
}
