import { Kafka } from 'kafkajs';
import { describe, expect, it } from 'vitest';
import { createCluster, protocolError } from './kafkajs-internals';

// Guards the kafkajs internals the transactional producer relies on (no broker needed).
describe('kafkajs internals', () => {
  it('builds a Cluster with the methods the producer calls', () => {
    const cluster = createCluster(new Kafka({ brokers: ['127.0.0.1:1'], clientId: 'probe' }));
    for (const m of ['connect', 'disconnect', 'isConnected', 'refreshMetadata', 'addMultipleTargetTopics', 'findTopicPartitionMetadata', 'findBroker', 'findGroupCoordinator'] as const) {
      expect(typeof cluster[m], m).toBe('function');
    }
  });

  it('maps Kafka error codes to typed protocol errors', () => {
    expect(protocolError(51)).toMatchObject({ type: 'CONCURRENT_TRANSACTIONS', code: 51 });
    expect(protocolError(6)).toMatchObject({ type: 'NOT_LEADER_FOR_PARTITION', retriable: true });
    expect(protocolError(47)).toMatchObject({ type: 'INVALID_PRODUCER_EPOCH' });
  });
});

describe('kafkajs broker internals used by the worker group', () => {
  it('has the group requests group-membership.ts sends', async () => {
    const { createRequire } = await import('node:module');
    const require = createRequire(import.meta.url);
    const Broker = require('kafkajs/src/broker/index.js') as { prototype: Record<string, unknown> };
    for (const m of ['joinGroup', 'syncGroup', 'heartbeat', 'leaveGroup', 'initProducerId', 'addPartitionsToTxn', 'endTxn']) expect(typeof Broker.prototype[m], m).toBe('function');
  });
});

describe('kafkajs connection internals used by sendFramed', () => {
  it('has the connection members the framed send path calls', async () => {
    const { createRequire } = await import('node:module');
    const require = createRequire(import.meta.url);
    const Connection = require('kafkajs/src/network/connection.js') as { prototype: Record<string, unknown> };
    for (const m of ['isConnected', 'isAuthenticated', 'nextCorrelationId', 'send']) expect(typeof Connection.prototype[m], m).toBe('function');
    const RequestQueue = require('kafkajs/src/network/requestQueue/index.js') as { prototype: Record<string, unknown> };
    expect(typeof RequestQueue.prototype.push).toBe('function');
    const Pool = require('kafkajs/src/network/connectionPool.js') as { prototype: Record<string, unknown> };
    expect(typeof Pool.prototype.getConnection).toBe('function');
  });
});
