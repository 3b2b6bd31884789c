import { createRequire } from 'node:module';
import { describe, expect, it } from 'vitest';
import { isTransientKafkaError } from './errors';

// kafkajs's own error classes (the package exports only some of them by name).
type ErrorClass = new (...a: unknown[]) => Error;
const { KafkaJSGroupCoordinatorNotFound, KafkaJSNonRetriableError, KafkaJSProtocolError, KafkaJSConnectionError } = createRequire(import.meta.url)('kafkajs/src/errors') as Record<string, ErrorClass>;

describe('isTransientKafkaError', () => {
  it('a coordinator that cannot be found (every broker down) is transient, though kafkajs calls it non-retriable', () => {
    // The failure a broker restart produced in the broker-restart test: the task failed instead of retrying.
    const e = new KafkaJSGroupCoordinatorNotFound!('Failed to find group coordinator');
    expect((e as { retriable?: boolean }).retriable).toBe(false);
    expect(isTransientKafkaError(e)).toBe(true);
    expect(isTransientKafkaError(new KafkaJSConnectionError!('Connection error: connect ECONNREFUSED 127.0.0.1:9092'))).toBe(true);
  });

  it('a refusal stays final: fencing, a plain non-retriable error', () => {
    const fenced = Object.assign(new KafkaJSProtocolError!('fenced'), { type: 'INVALID_PRODUCER_EPOCH', retriable: false });
    expect(isTransientKafkaError(fenced)).toBe(false);
    expect(isTransientKafkaError(new KafkaJSNonRetriableError!(new Error('bad config')))).toBe(false);
  });
});
