import type { Admin } from 'kafkajs';
import { isOra2KafkaError } from '../model/errors';
import { ddlTopicOf, type KafkaDestination } from '../model/kafka-destination';
import type { PartitionPolicy } from '../model/task-config';
import { createKafka, principalOf } from '../kafka/client';
import { partitionCount } from '../kafka/connectivity';
import { fromKafkaJs, kafkaJsType } from '../kafka/errors';
import { checkSchemaRegistry } from '../kafka/schema-registry';
import { DEFAULT_CHECKPOINT_TOPIC } from '../kafka/checkpoint-topic';
import { transactionsUnsupported } from '../kafka/transactions-support';
import { notChecked, type ItemResult } from '../model/precheck-items';

/**
 * Destination-side precheck items on one admin connection:
 *   CHECK_CONN_DEST              reach a broker, authenticate, describe the cluster
 *   CHECK_DEST_TOPIC             the topic exists; its partition count is recorded in the detail
 *   CHECK_DEST_DDL_TOPIC         the DDL topic exists (or DDL goes to the main topic)
 *   CHECK_DEST_CHECKPOINT_TOPIC  the engine's compacted checkpoint topic exists or may be created
 *   CHECK_DEST_DEAD_LETTER_TOPIC the dead-letter topic exists (only with that policy)
 *   CHECK_DEST_SCHEMA_REGISTRY   the registry answers (only when enabled)
 *   CHECK_DEST_CONFLICT          "Processing Mode of Conflicting Tables" for Kafka: a destination
 *                                topic has no tables, so the conflict is records already in it
 */

export interface DestinationPlan {
  destination: KafkaDestination;
  conflictMode: 'precheck-and-report' | 'ignore';
  partitionPolicy: PartitionPolicy;
  /** Where changes whose redo cannot be read go, when the task's policy says so. */
  deadLetterTopic?: string | null;
}

export function plannedDestinationCodes(plan: DestinationPlan): string[] {
  const codes = ['CHECK_CONN_DEST', 'CHECK_DEST_TOPIC', 'CHECK_DEST_DDL_TOPIC', 'CHECK_DEST_CHECKPOINT_TOPIC'];
  if (plan.deadLetterTopic) codes.push('CHECK_DEST_DEAD_LETTER_TOPIC');
  if (plan.destination.schemaRegistry.enabled) codes.push('CHECK_DEST_SCHEMA_REGISTRY');
  codes.push('CHECK_DEST_CONFLICT');
  return codes;
}

function failure(e: unknown, d: KafkaDestination): { detail: string; hint: string } {
  const mapped = isOra2KafkaError(e) ? e : (fromKafkaJs(e, { brokers: d.brokers, username: d.username }) ?? e);
  if (isOra2KafkaError(mapped)) return { detail: mapped.message, hint: mapped.hint ?? '' };
  return { detail: mapped instanceof Error ? mapped.message : String(mapped), hint: '' };
}

function withTimeout<T>(p: Promise<T>, ms: number, what: string): Promise<T> {
  let timer: NodeJS.Timeout | undefined;
  const deadline = new Promise<never>((_, reject) => {
    timer = setTimeout(() => reject(new Error(`${what}: no answer within ${Math.round(ms / 1000)} s`)), ms);
  });
  return Promise.race([p, deadline]).finally(() => clearTimeout(timer));
}

export async function destinationItems(plan: DestinationPlan, opts: { timeoutMs?: number } = {}): Promise<ItemResult[]> {
  const d = plan.destination;
  const timeoutMs = opts.timeoutMs ?? 15_000;
  const planned = plannedDestinationCodes(plan);
  const kafka = createKafka(d, { clientId: 'ora2kafka-precheck', connectionTimeoutMs: 5000, requestTimeoutMs: 10_000, retry: { retries: 1, initialRetryTime: 200, maxRetryTime: 1000 } });
  const admin = kafka.admin();
  try {
    const t0 = Date.now();
    let brokers: number;
    try {
      await withTimeout(admin.connect(), timeoutMs, `Kafka at ${d.brokers.join(',')}`);
      brokers = (await withTimeout(admin.describeCluster(), timeoutMs, 'describe cluster')).brokers.length;
    } catch (e) {
      return [{ code: 'CHECK_CONN_DEST', status: 'failed', ...failure(e, d) }, ...planned.slice(1).map((c) => notChecked(c, 'the Kafka cluster could not be reached'))];
    }
    const out: ItemResult[] = [
      { code: 'CHECK_CONN_DEST', status: 'passed', detail: `Connected to ${d.brokers.join(',')} (${brokers} broker${brokers === 1 ? '' : 's'}) in ${Date.now() - t0} ms${d.connectionMethod === 'scram-sha-256' ? ` as ${d.username} (SCRAM-SHA-256)` : ''}.`, hint: '' },
    ];
    const step = <T>(p: Promise<T>, what: string) => withTimeout(p, timeoutMs, what);
    const topics = [await topicItem(admin, plan, step), await ddlTopicItem(admin, plan, step)];
    out.push(...topics);
    out.push(await checkpointTopicItem(admin, d, step));
    if (plan.deadLetterTopic) out.push(await deadLetterTopicItem(admin, d, plan.deadLetterTopic, step));
    if (d.schemaRegistry.enabled) out.push(await registryItem(d));
    const topicsOk = topics.every((t) => t.status !== 'failed');
    out.push(topicsOk ? await conflictItem(admin, plan, step) : notChecked('CHECK_DEST_CONFLICT', 'a destination topic is missing or cannot be described'));
    return out;
  } finally {
    await admin.disconnect().catch(() => undefined);
  }
}

type Step = <T>(p: Promise<T>, what: string) => Promise<T>;

async function topicItem(admin: Admin, plan: DestinationPlan, step: Step): Promise<ItemResult> {
  const d = plan.destination;
  const code = 'CHECK_DEST_TOPIC';
  try {
    const n = await step(partitionCount(admin, d.topic, { principal: principalOf(d), field: 'topic' }), `topic ${d.topic}`);
    const detail = `Topic ${d.topic} exists with ${n} partition${n === 1 ? '' : 's'}; the task records this count and stops if it changes while it runs.`;
    if (n === 1 && plan.partitionPolicy !== 'partition-0') {
      return {
        code,
        status: 'warning',
        detail: `${detail} With one partition the hash partition policy has no effect: every record goes to partition 0.`,
        hint: `Add partitions before starting (kafka-topics.sh --alter --topic ${d.topic} --partitions N), or choose Ship All Data to Partition 0.`,
      };
    }
    return { code, status: 'passed', detail, hint: '' };
  } catch (e) {
    return { code, status: 'failed', ...failure(e, d) };
  }
}

async function ddlTopicItem(admin: Admin, plan: DestinationPlan, step: Step): Promise<ItemResult> {
  const d = plan.destination;
  const code = 'CHECK_DEST_DDL_TOPIC';
  const ddl = ddlTopicOf(d);
  if (ddl === d.topic) return { code, status: 'passed', detail: `No DDL topic is set: DDL records go to topic ${d.topic}.`, hint: '' };
  try {
    const n = await step(partitionCount(admin, ddl, { principal: principalOf(d), field: 'ddlTopic' }), `topic ${ddl}`);
    return { code, status: 'passed', detail: `Topic ${ddl} exists with ${n} partition${n === 1 ? '' : 's'}.`, hint: '' };
  } catch (e) {
    return { code, status: 'failed', ...failure(e, d) };
  }
}

async function deadLetterTopicItem(admin: Admin, d: KafkaDestination, topic: string, step: Step): Promise<ItemResult> {
  const code = 'CHECK_DEST_DEAD_LETTER_TOPIC';
  try {
    const n = await step(partitionCount(admin, topic, { principal: principalOf(d), field: 'advanced.deadLetterTopic' }), `topic ${topic}`);
    return { code, status: 'passed', detail: `Topic ${topic} exists with ${n} partition${n === 1 ? '' : 's'}; changes whose redo cannot be read are written to its partition 0.`, hint: '' };
  } catch (e) {
    const f = failure(e, d);
    return { code, status: 'failed', detail: f.detail, hint: `${f.hint} Or set "Statements that cannot be parsed" back to "Fail the task".`.trim() };
  }
}

/** The engine commits records and its checkpoint in one Kafka transaction to this compacted topic. */
async function checkpointTopicItem(admin: Admin, d: KafkaDestination, step: Step): Promise<ItemResult> {
  const code = 'CHECK_DEST_CHECKPOINT_TOPIC';
  const topic = DEFAULT_CHECKPOINT_TOPIC;
  const unsupported = transactionsUnsupported(d);
  if (unsupported) return { code, status: 'failed', ...failure(unsupported, d) };
  try {
    if ((await step(admin.listTopics(), 'list topics')).includes(topic)) {
      return { code, status: 'passed', detail: `Topic ${topic} exists; task checkpoints are committed to it together with the records.`, hint: '' };
    }
    await step(admin.createTopics({ validateOnly: true, waitForLeaders: false, topics: [{ topic, numPartitions: 1, configEntries: [{ name: 'cleanup.policy', value: 'compact' }] }] }), `validate topic ${topic}`);
    return { code, status: 'passed', detail: `Topic ${topic} does not exist yet; the task creates it when it starts (1 partition, cleanup.policy=compact). The broker accepted a validate-only creation.`, hint: '' };
  } catch (e) {
    const type = kafkaJsType(e);
    const denied = type === 'TOPIC_AUTHORIZATION_FAILED' || type === 'CLUSTER_AUTHORIZATION_FAILED';
    return {
      code,
      status: 'failed',
      detail: denied ? `The account ${principalOf(d)} may not create topic ${topic}, where the task commits its checkpoints.` : `Topic ${topic} cannot be created: ${failure(e, d).detail}`,
      hint: `Create it yourself (kafka-topics.sh --create --topic ${topic} --partitions 1 --config cleanup.policy=compact) and grant the account Describe, Read and Write on it, or grant Create on the cluster.`,
    };
  }
}

async function registryItem(d: KafkaDestination): Promise<ItemResult> {
  const code = 'CHECK_DEST_SCHEMA_REGISTRY';
  try {
    const subjects = await checkSchemaRegistry(d.schemaRegistry.url, { timeoutMs: 5000 });
    return { code, status: 'passed', detail: `The Schema Registry at ${d.schemaRegistry.url} answers (${subjects.length} subject${subjects.length === 1 ? '' : 's'}).`, hint: '' };
  } catch (e) {
    return { code, status: 'failed', ...failure(e, d) };
  }
}

/**
 * DTS's "Precheck and Report Errors" fails when the destination already has tables with the source
 * names. Kafka has no tables; what collides is data: records already in the topic would be read
 * together with this task's. The topic's offset span counts them (transaction markers included,
 * so it is an upper bound). "Ignore Errors and Proceed" skips the check, as in DTS.
 */
async function conflictItem(admin: Admin, plan: DestinationPlan, step: Step): Promise<ItemResult> {
  const d = plan.destination;
  const code = 'CHECK_DEST_CONFLICT';
  if (plan.conflictMode === 'ignore') {
    return { code, status: 'passed', detail: 'Skipped: Processing Mode of Conflicting Tables is Ignore Errors and Proceed.', hint: '' };
  }
  const topics = [...new Set([d.topic, ddlTopicOf(d)])];
  const counts: string[] = [];
  try {
    for (const t of topics) {
      const offsets = await step(admin.fetchTopicOffsets(t), `offsets of ${t}`);
      const n = offsets.reduce((sum, p) => sum + Math.max(0, Number(p.high) - Number(p.low)), 0);
      if (n > 0) counts.push(`${t} (${n.toLocaleString('en-US')} offset${n === 1 ? '' : 's'})`);
    }
  } catch (e) {
    return { code, status: 'failed', ...failure(e, d) };
  }
  if (counts.length === 0) return { code, status: 'passed', detail: `${topics.join(' and ')} ${topics.length === 1 ? 'is' : 'are'} empty.`, hint: '' };
  return {
    code,
    status: 'failed',
    detail: `The destination already holds records: ${counts.join(', ')}. This task appends after them, so consumers reading from the beginning see both (DTS: objects with the same names already exist in the destination).`,
    hint: 'Use an empty topic, or delete and re-create this one. If the existing records are expected (e.g. a re-run), choose Ignore Errors and Proceed in Configure Objects or ignore this item; records are then mixed.',
  };
}
