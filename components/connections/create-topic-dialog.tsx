'use client';

import { useMutation } from '@tanstack/react-query';
import { useState } from 'react';
import { describeApiError } from '@/components/trpc/error-message';
import { useTRPC } from '@/components/trpc/provider';
import { Field } from '@/components/ui/field';
import { Modal } from '@/components/ui/modal';
import { newTopicSchema, TOPIC_LIMITS } from '@/server/model/cluster-topics';
import type { KafkaConnectionInput } from '@/server/model/kafka-destination';
import type { TopicSource } from './use-cluster-topics';

/**
 * Create Topic from the wizard: name, partitions and replication factor, created on the destination
 * cluster by the console (operators and admins). The replication factor defaults to what the
 * cluster can hold (3, or fewer brokers).
 */
export function CreateTopicDialog({
  connection,
  from,
  initialName,
  brokers,
  onClose,
  onCreated,
}: {
  connection: KafkaConnectionInput;
  from: TopicSource;
  initialName: string;
  brokers: number | null;
  onClose(): void;
  onCreated(topic: { name: string; partitions: number }): void;
}) {
  const trpc = useTRPC();
  const [values, setValues] = useState({ name: initialName, partitions: String(TOPIC_LIMITS.partitions.default), replicationFactor: String(Math.max(1, Math.min(3, brokers ?? 1))) });
  const [errors, setErrors] = useState<Record<string, string>>({});
  const create = useMutation(trpc.kafkaTopics.create.mutationOptions({ onSuccess: (t) => onCreated(t) }));
  const failure = create.isError ? describeApiError(create.error) : null;
  const fieldError = (f: string) => errors[f] ?? failure?.fields[`topic.${f}`] ?? failure?.fields[f];

  function submit() {
    const parsed = newTopicSchema.safeParse(values);
    if (!parsed.success) {
      setErrors(Object.fromEntries(parsed.error.issues.map((i) => [String(i.path[0]), i.message])));
      return;
    }
    setErrors({});
    create.mutate({ connection, taskId: from.taskId ?? undefined, instanceId: from.instanceId || undefined, topic: parsed.data });
  }

  return (
    <Modal
      title="Create Topic"
      testId="create-topic-dialog"
      onClose={onClose}
      footer={
        <>
          <button className="btn" onClick={onClose}>Cancel</button>
          <button className="btn btn-primary" data-testid="create-topic-ok" disabled={create.isPending} onClick={submit}>
            {create.isPending ? 'Creating…' : 'Create'}
          </button>
        </>
      }
    >
      <p className="field-help" style={{ marginTop: 0 }}>
        The topic is created on the destination cluster{brokers ? ` (${brokers} broker${brokers === 1 ? '' : 's'})` : ''} with the cluster&apos;s default settings. Partition count matters for the partition policy: it cannot be lowered later.
      </p>
      {failure && Object.keys(failure.fields).length === 0 ? (
        <div className="alert error" role="alert">
          {failure.message}
          {failure.hint ? <div className="muted">{failure.hint}</div> : null}
        </div>
      ) : null}
      <div className="form-grid narrow">
        <Field label="Topic Name" required error={fieldError('name')}>
          {(id) => <input id={id} name="topic.name" className="input mono" value={values.name} onChange={(e) => setValues({ ...values, name: e.target.value })} autoFocus />}
        </Field>
        <Field label="Partitions" required error={fieldError('partitions')} help={`${TOPIC_LIMITS.partitions.min}–${TOPIC_LIMITS.partitions.max.toLocaleString('en-US')}.`}>
          {(id) => <input id={id} name="topic.partitions" className="input" inputMode="numeric" value={values.partitions} onChange={(e) => setValues({ ...values, partitions: e.target.value })} />}
        </Field>
        <Field label="Replication Factor" required error={fieldError('replicationFactor')} help={brokers ? `At most ${brokers}, the number of brokers.` : 'At most the number of brokers.'}>
          {(id) => <input id={id} name="topic.replicationFactor" className="input" inputMode="numeric" value={values.replicationFactor} onChange={(e) => setValues({ ...values, replicationFactor: e.target.value })} />}
        </Field>
      </div>
    </Modal>
  );
}
