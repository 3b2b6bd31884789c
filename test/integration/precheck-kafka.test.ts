import { describe, expect, it } from 'vitest';
import { freePort } from '../../scripts/kafka/kafka.mjs';
import { createKafka } from '../../server/kafka/client';
import { kafkaDestinationSchema } from '../../server/model/kafka-destination';
import { destinationItems, type DestinationPlan } from '../../server/services/precheck-kafka';
import { DEFAULT_CHECKPOINT_TOPIC } from '../../server/kafka/checkpoint-topic';
import { createTopic, plaintextDestination, uniqueTopic, withAdmin } from './kafka-env';

/** Destination precheck items against the run's broker. */
const plan = (topic: string, extra: Partial<DestinationPlan> & { ddlTopic?: string } = {}): DestinationPlan => ({
  destination: plaintextDestination(topic, extra.ddlTopic ? { ddlTopic: extra.ddlTopic } : {}),
  conflictMode: extra.conflictMode ?? 'precheck-and-report',
  partitionPolicy: extra.partitionPolicy ?? 'partition-0',
  ...(extra.deadLetterTopic ? { deadLetterTopic: extra.deadLetterTopic } : {}),
});
const byCode = (items: { code: string; status: string; detail: string; hint: string }[]) => Object.fromEntries(items.map((i) => [i.code, i]));

describe('precheck: Kafka destination items', () => {
  it('passes empty existing topics and records their partition counts', async () => {
    const topic = uniqueTopic('it-pre');
    const ddl = uniqueTopic('it-pre-ddl');
    await createTopic(topic, 3);
    await createTopic(ddl, 1);
    const items = await destinationItems(plan(topic, { ddlTopic: ddl, partitionPolicy: 'hash-pk' }));
    expect(items.map((i) => [i.code, i.status]), JSON.stringify(items, null, 1)).toEqual([
      ['CHECK_CONN_DEST', 'passed'],
      ['CHECK_DEST_TOPIC', 'passed'],
      ['CHECK_DEST_DDL_TOPIC', 'passed'],
      ['CHECK_DEST_CHECKPOINT_TOPIC', 'passed'],
      ['CHECK_DEST_CONFLICT', 'passed'],
    ]);
    const r = byCode(items);
    expect(r.CHECK_DEST_TOPIC!.detail).toContain(`Topic ${topic} exists with 3 partitions`);
    expect(r.CHECK_DEST_DDL_TOPIC!.detail).toContain(`Topic ${ddl} exists with 1 partition.`);
    // The checkpoint topic check is validate-only: it never creates the topic.
    const exists = (await withAdmin((a) => a.listTopics())).includes(DEFAULT_CHECKPOINT_TOPIC);
    expect(r.CHECK_DEST_CHECKPOINT_TOPIC!.detail).toContain(exists ? 'exists' : 'does not exist yet');
  });

  it('fails the checkpoint item when Kafka Version is 0.10 (no transactions), naming the field and the fix; 0.11 passes', async () => {
    const topic = uniqueTopic('it-pre-010');
    await createTopic(topic, 1);
    const at = (kafkaVersion: '0.10' | '0.11') => destinationItems({ ...plan(topic), destination: plaintextDestination(topic, { kafkaVersion }) });
    const old = byCode(await at('0.10'));
    expect(old.CHECK_DEST_CHECKPOINT_TOPIC).toMatchObject({ status: 'failed', detail: expect.stringContaining('Kafka Version is 0.10, which has no transactions'), hint: expect.stringContaining('0.11 or later') });
    expect(old.CHECK_CONN_DEST!.status).toBe('passed');
    expect(byCode(await at('0.11')).CHECK_DEST_CHECKPOINT_TOPIC!.status).toBe('passed');
  });

  it('fails a missing DDL topic with the fix, and does not run the conflict check on it', async () => {
    const topic = uniqueTopic('it-pre');
    await createTopic(topic, 1);
    const r = byCode(await destinationItems(plan(topic, { ddlTopic: 'it-pre-no-such-topic' })));
    expect(r.CHECK_DEST_TOPIC!.status).toBe('passed');
    expect(r.CHECK_DEST_DDL_TOPIC).toMatchObject({ status: 'failed', detail: 'Topic "it-pre-no-such-topic" does not exist on the Kafka cluster.' });
    expect(r.CHECK_DEST_DDL_TOPIC!.hint).toContain('kafka-topics.sh --create --topic it-pre-no-such-topic');
    expect(r.CHECK_DEST_CONFLICT!.detail).toMatch(/^Not checked/);
  });

  it('with the dead-letter policy, checks that topic too: present passes, missing fails with the fix', async () => {
    const topic = uniqueTopic('it-pre');
    const dlq = uniqueTopic('it-pre-dlq');
    await createTopic(topic, 1);
    await createTopic(dlq, 1);
    const ok = byCode(await destinationItems(plan(topic, { deadLetterTopic: dlq })));
    expect(ok.CHECK_DEST_DEAD_LETTER_TOPIC).toMatchObject({ status: 'passed', detail: `Topic ${dlq} exists with 1 partition; changes whose redo cannot be read are written to its partition 0.` });
    const missing = byCode(await destinationItems(plan(topic, { deadLetterTopic: 'it-pre-no-dlq' })));
    expect(missing.CHECK_DEST_DEAD_LETTER_TOPIC).toMatchObject({ status: 'failed', detail: 'Topic "it-pre-no-dlq" does not exist on the Kafka cluster.' });
    expect(missing.CHECK_DEST_DEAD_LETTER_TOPIC!.hint).toContain('kafka-topics.sh --create --topic it-pre-no-dlq');
    expect(missing.CHECK_DEST_DEAD_LETTER_TOPIC!.hint).toContain('"Fail the task"');
    expect(Object.keys(byCode(await destinationItems(plan(topic))))).not.toContain('CHECK_DEST_DEAD_LETTER_TOPIC');
  });

  it('reports records already in the topic as a conflict, skipped under Ignore Errors and Proceed; warns on one partition with a hash policy', async () => {
    const topic = uniqueTopic('it-pre-full');
    await createTopic(topic, 1);
    const producer = createKafka(plaintextDestination(topic)).producer();
    await producer.connect();
    await producer.send({ topic, messages: [{ value: 'a' }, { value: 'b' }] });
    await producer.disconnect();
    const report = byCode(await destinationItems(plan(topic, { partitionPolicy: 'hash-table' })));
    expect(report.CHECK_DEST_CONFLICT!.status).toBe('failed');
    expect(report.CHECK_DEST_CONFLICT!.detail).toContain(`${topic} (2 offsets)`);
    expect(report.CHECK_DEST_TOPIC!.status).toBe('warning');
    expect(report.CHECK_DEST_DDL_TOPIC!.detail).toBe(`No DDL topic is set: DDL records go to topic ${topic}.`);
    const skip = byCode(await destinationItems(plan(topic, { conflictMode: 'ignore' })));
    expect(skip.CHECK_DEST_CONFLICT).toMatchObject({ status: 'passed', detail: expect.stringContaining('Skipped') });
    expect(skip.CHECK_DEST_TOPIC!.status).toBe('passed');
  });

  it('fails connectivity to a port nobody listens on and leaves the rest not checked', async () => {
    const port = await freePort();
    const destination = kafkaDestinationSchema.parse({ brokers: `127.0.0.1:${port}`, topic: 'x' });
    const items = await destinationItems({ destination, conflictMode: 'precheck-and-report', partitionPolicy: 'partition-0' }, { timeoutMs: 8000 });
    expect(items[0]).toMatchObject({ code: 'CHECK_CONN_DEST', status: 'failed' });
    expect(items[0]!.detail).toContain(`127.0.0.1:${port}`);
    expect(items.slice(1).every((i) => i.status === 'failed' && i.detail.startsWith('Not checked'))).toBe(true);
  });
});
