import { KafkaError } from '../model/errors';

export { KafkaError };

/**
 * Every Kafka failure the user can act on has its own class and code, and a hint saying what to fix.
 * `fromKafkaJs` turns kafkajs's errors (nested: KafkaJSNumberOfRetriesExceeded → cause
 * KafkaJSConnectionError {code:'ECONNREFUSED'}) into these.
 */

export class KafkaUnreachableError extends KafkaError {
  constructor(brokers: string[], detail: string, cause?: unknown) {
    super('KAFKA_UNREACHABLE', `Cannot reach the Kafka cluster at ${brokers.join(', ')}: ${detail}`, {
      retriable: true,
      field: 'brokers',
      hint: 'Check the broker address and port, that the broker is running, and that no firewall blocks the port. If the address is right, the listener may expect another protocol: match Connection Method (Non-encrypted / SCRAM-SHA-256) and TLS to what that port serves.',
      cause,
    });
  }
}

export class KafkaAuthError extends KafkaError {
  constructor(username: string, detail: string, cause?: unknown) {
    super('KAFKA_AUTH_FAILED', `Kafka rejected the SCRAM-SHA-256 login of account "${username}": ${detail}`, {
      field: 'password',
      hint: 'Check the account and password. The account must exist on the cluster as a SCRAM-SHA-256 user (kafka-configs.sh --alter --add-config "SCRAM-SHA-256=[password=...]" --entity-type users --entity-name <account>).',
      cause,
    });
  }
}

/** The client spoke SASL to a listener that expects none, or the reverse. */
export class KafkaProtocolMismatchError extends KafkaError {
  constructor(brokers: string[], detail: string, cause?: unknown) {
    super('KAFKA_PROTOCOL_MISMATCH', `The Kafka listener at ${brokers.join(', ')} does not speak the chosen connection method: ${detail}`, {
      field: 'connectionMethod',
      hint: 'Choose Non-encrypted for a PLAINTEXT listener or SCRAM-SHA-256 for a SASL listener, or point at the port of the listener you meant.',
      cause,
    });
  }
}

export class KafkaTopicMissingError extends KafkaError {
  readonly topic: string;
  constructor(topic: string, field: string) {
    super('KAFKA_TOPIC_MISSING', `Topic "${topic}" does not exist on the Kafka cluster.`, {
      field,
      hint: `Create the topic first (kafka-topics.sh --create --topic ${topic} --partitions N), or correct its name. The migration does not create topics, because partition count and retention are yours to choose.`,
    });
    this.topic = topic;
  }
}

/** The topic exists (or was just created) but its partitions still have no leader when the wait ends. */
export class KafkaTopicNotReadyError extends KafkaError {
  readonly topic: string;
  constructor(topic: string, field: string, waitedMs: number, lastSeen: string) {
    super('KAFKA_TOPIC_NOT_READY', `Topic "${topic}" has no leader for every partition after ${(waitedMs / 1000).toFixed(1)} s (the broker last said: ${lastSeen}).`, {
      field,
      retriable: true,
      hint: 'A broker that is starting, overloaded or short of a controller elects leaders late: check the broker log for controller or log-directory errors, then try again.',
    });
    this.topic = topic;
  }
}

export class KafkaNotAuthorizedError extends KafkaError {
  constructor(what: string, principal: string, field?: string, cause?: unknown) {
    super('KAFKA_NOT_AUTHORIZED', `The account ${principal} is not authorised to ${what}.`, {
      field,
      hint: `Grant the account Describe and Write on the topic(s) (kafka-acls.sh --add --allow-principal User:${principal} --operation Describe --operation Write --topic <topic>) and Describe on the cluster, or use an account that has them.`,
      cause,
    });
  }
}

export class SchemaRegistryError extends KafkaError {
  constructor(url: string, detail: string, cause?: unknown) {
    super('SCHEMA_REGISTRY_UNREACHABLE', `Cannot use the Schema Registry at ${url}: ${detail}`, {
      retriable: true,
      field: 'schemaRegistry.url',
      hint: 'Check the Registry URL (scheme, host and port, e.g. http://registry.internal:8081) and that the registry is running and reachable from this server, or turn Use Kafka Schema Registry off.',
      cause,
    });
  }
}

/** The registry answered but refused the schema (e.g. 409: incompatible with the subject's history). */
export class SchemaRegistryRejectedError extends KafkaError {
  constructor(subject: string, status: number, detail: string) {
    super('SCHEMA_REGISTRY_REJECTED', `The Schema Registry refused the schema for subject "${subject}" (HTTP ${status}): ${detail}`, {
      field: 'schemaRegistry.url',
      hint: status === 409
        ? `The subject's compatibility rule rejects the DTS Avro schema; set the subject's compatibility to NONE (PUT /config/${subject}) or use a fresh topic.`
        : 'Check the registry URL (it must be the registry root, not a subject path) and the registry logs.',
    });
  }
}

export class KafkaPartitionCountChangedError extends KafkaError {
  constructor(topic: string, before: number, after: number) {
    super('KAFKA_PARTITIONS_CHANGED', `Topic "${topic}" had ${before} partitions when the task started and now has ${after}; the task stopped because the partition policy would now send rows of the same key to different partitions.`, {
      hint: 'Do not change the partition count of a destination topic while a task runs. Restart the task from scratch (new full migration) to use the new partition count.',
    });
  }
}

export class KafkaProduceError extends KafkaError {
  constructor(topic: string, detail: string, retriable: boolean, cause?: unknown) {
    super('KAFKA_PRODUCE_FAILED', `Writing to topic "${topic}" failed: ${detail}`, {
      retriable,
      hint: 'Check the broker logs and the topic configuration (max.message.bytes, min.insync.replicas); the task resumes from its last acknowledged checkpoint.',
      cause,
    });
  }
}

/** A record (or, with the broker's own check, a batch) above the topic's max.message.bytes. */
export class KafkaRecordTooLargeError extends KafkaError {
  constructor(topic: string, detail: string, cause?: unknown) {
    super('KAFKA_RECORD_TOO_LARGE', `Kafka cannot take a record for topic "${topic}": ${detail}`, {
      field: 'topic',
      hint: `Raise max.message.bytes on the topic (kafka-configs.sh --alter --entity-type topics --entity-name ${topic} --add-config max.message.bytes=<bytes>; consumers' max.partition.fetch.bytes must allow it too), or choose gzip compression, or leave the wide LOB columns out of the object selection; then resume the task.`,
      cause,
    });
  }
}

interface KafkaJsLike {
  name?: string;
  message?: string;
  type?: string;
  code?: string | number;
  cause?: unknown;
  originalError?: unknown;
}

/** The innermost kafkajs error, where the network code or protocol type lives. */
function chain(e: unknown): KafkaJsLike[] {
  const out: KafkaJsLike[] = [];
  let cur: unknown = e;
  while (cur && typeof cur === 'object' && out.length < 6) {
    out.push(cur as KafkaJsLike);
    const next = (cur as KafkaJsLike).cause ?? (cur as KafkaJsLike).originalError;
    if (next === cur) break;
    cur = next;
  }
  return out;
}

/** Kafka protocol error type (e.g. 'UNKNOWN_TOPIC_OR_PARTITION') anywhere in a kafkajs error chain. */
export function kafkaJsType(e: unknown): string | undefined {
  return chain(e).find((x) => typeof x.type === 'string')?.type;
}

/** Every Kafka protocol error type in a kafkajs error chain, outermost first. */
export function kafkaJsTypes(e: unknown): string[] {
  return chain(e).flatMap((x) => (typeof x.type === 'string' ? [x.type] : []));
}

/**
 * kafkajs errors that only say the cluster is momentarily unreachable or moving — a broker down or
 * restarting, a partition leader or the transaction coordinator not elected yet. kafkajs marks some
 * of them non-retriable (KafkaJSGroupCoordinatorNotFound when every broker is down), yet waiting
 * and trying again is exactly right for them.
 */
export const TRANSIENT_KAFKAJS_ERRORS: ReadonlySet<string> = new Set([
  'KafkaJSConnectionError',
  'KafkaJSConnectionClosedError',
  'KafkaJSRequestTimeoutError',
  'KafkaJSBrokerNotFound',
  'KafkaJSTopicMetadataNotLoaded',
  'KafkaJSLockTimeout',
  'KafkaJSGroupCoordinatorNotFound',
  'KafkaJSNoBrokerAvailableError',
  'KafkaJSNumberOfRetriesExceeded',
]);

/** True when any error in the chain is marked retriable or is one of TRANSIENT_KAFKAJS_ERRORS. */
export function isTransientKafkaError(e: unknown): boolean {
  return chain(e).some((x) => (x as { retriable?: boolean }).retriable === true || TRANSIENT_KAFKAJS_ERRORS.has(x.name ?? ''));
}

/** Map a kafkajs failure of connecting/authenticating to one of ours; null if it is none of those. */
export function fromKafkaJs(e: unknown, ctx: { brokers: string[]; username?: string }): KafkaError | null {
  if (e instanceof KafkaError) return e;
  const errs = chain(e);
  const names = errs.map((x) => x.name ?? '');
  const last = errs[errs.length - 1];
  const detail = last?.message ?? String(e);
  if (names.includes('KafkaJSSASLAuthenticationError')) {
    return new KafkaAuthError(ctx.username ?? '', detail.replace(/^SASL SCRAM SHA256 authentication failed: /, ''), e);
  }
  const types = errs.map((x) => x.type);
  if (types.includes('ILLEGAL_SASL_STATE') || types.includes('UNSUPPORTED_SASL_MECHANISM')) {
    return new KafkaProtocolMismatchError(ctx.brokers, `${detail} (the listener does not use SASL SCRAM-SHA-256)`, e);
  }
  if (types.includes('CLUSTER_AUTHORIZATION_FAILED')) {
    return new KafkaNotAuthorizedError('act on the cluster', ctx.username || 'ANONYMOUS', 'username', e);
  }
  if (names.some((n) => n.startsWith('KafkaJSConnection') || n === 'KafkaJSRequestTimeoutError' || n === 'KafkaJSNoBrokerAvailableError')) {
    const closed = names.includes('KafkaJSConnectionClosedError');
    return new KafkaUnreachableError(
      ctx.brokers,
      closed ? 'the broker closed the connection (often a SASL or TLS listener reached without SASL or TLS)' : detail.replace(/^Connection error: /, ''),
      e,
    );
  }
  return null;
}
