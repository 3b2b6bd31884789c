import { EngineError } from '../model/errors';
import type { KafkaDestination } from '../model/kafka-destination';

/**
 * Kafka 0.10 (which the Kafka Version list offers, as DTS does) has no transactions, and the engine
 * writes records and their checkpoint in one: the precheck fails on it, and so would the start.
 */
export function transactionsUnsupported(destination: Pick<KafkaDestination, 'kafkaVersion'>): EngineError | null {
  if (destination.kafkaVersion !== '0.10') return null;
  return new EngineError('KAFKA_TRANSACTIONS_UNSUPPORTED', 'Kafka Version is 0.10, which has no transactions: the engine needs them to write records and their checkpoint atomically.', {
    hint: 'Use a Kafka 0.11 or later cluster (set Kafka Version accordingly); Ora2Kafka does not offer an at-least-once mode for 0.10.',
  });
}
