'use client';

import { useState } from 'react';
import { useQueryClient } from '@tanstack/react-query';
import { Refusable } from '@/components/auth/access-context';
import { describeApiError } from '@/components/trpc/error-message';
import { Field } from '@/components/ui/field';
import type { KafkaConnectionInput } from '@/server/model/kafka-destination';
import { CreateTopicDialog } from './create-topic-dialog';
import { CLUSTER_TOPICS_KEY, type useClusterTopics, type TopicSource } from './use-cluster-topics';

type Topics = ReturnType<typeof useClusterTopics>;

/**
 * Topic / Topic That Stores DDL Information: a typed name, or one picked from the cluster's topics
 * (with their partition counts), or a topic created here.
 */
export function TopicField({
  name,
  label,
  required,
  value,
  onChange,
  error,
  emptyHelp,
  placeholder = 'oracle-cdc',
  topics,
  connection,
  from,
}: {
  name: string;
  label: string;
  required?: boolean;
  value: string;
  onChange(v: string): void;
  error?: string;
  emptyHelp?: string;
  placeholder?: string;
  topics: Topics;
  connection: KafkaConnectionInput;
  from: TopicSource;
}) {
  const qc = useQueryClient();
  const [creating, setCreating] = useState(false);
  const list = topics.data?.topics ?? [];
  const picked = list.find((t) => t.name === value.trim());
  const status = topics.waiting === 'brokers'
    ? 'Fill in the brokers above to pick from the cluster\'s topics.'
    : topics.waiting === 'password'
      ? 'Enter the Kafka password to list the cluster\'s topics.'
      : topics.isFetching
        ? 'Reading the cluster\'s topics…'
        : topics.isError
          ? `Could not list the cluster's topics: ${describeApiError(topics.error).message}`
          : topics.data
            ? picked
              ? `${picked.name} exists with ${picked.partitions} partition${picked.partitions === 1 ? '' : 's'}.`
              : value.trim()
                ? `${value.trim()} is not a topic of the cluster yet: pick one, or create it.`
                : `${list.length} topic${list.length === 1 ? '' : 's'} in the cluster: pick one or type a name.${emptyHelp ? ` ${emptyHelp}` : ''}`
            : emptyHelp;
  return (
    <Field label={label} required={required} error={error} help={<span data-testid={`${name}-status`}>{status}</span>}>
      {(id) => (
        <div className="topic-field">
          <input id={id} name={name} className={`input mono${error ? ' invalid' : ''}`} value={value} onChange={(e) => onChange(e.target.value)} placeholder={placeholder} autoComplete="off" />
          <select className="input" aria-label={`${label} from the cluster`} value={picked ? picked.name : ''} onChange={(e) => e.target.value && onChange(e.target.value)} disabled={!topics.data}>
            <option value="">{topics.data ? `Pick from ${list.length} topic${list.length === 1 ? '' : 's'}…` : 'Topics of the cluster'}</option>
            {list.map((t) => (
              <option key={t.name} value={t.name}>
                {t.name} ({t.partitions} partition{t.partitions === 1 ? '' : 's'})
              </option>
            ))}
          </select>
          <Refusable path="kafkaTopics.create">
            {(refused) => (
              <button type="button" className="btn" disabled={refused || topics.waiting !== null} onClick={() => setCreating(true)} aria-label={`Create ${label}`}>
                Create Topic
              </button>
            )}
          </Refusable>
          {creating ? (
            <CreateTopicDialog
              connection={connection}
              from={from}
              initialName={value.trim()}
              brokers={topics.data?.brokers ?? null}
              onClose={() => setCreating(false)}
              onCreated={async (t) => {
                setCreating(false);
                onChange(t.name);
                await qc.invalidateQueries({ queryKey: CLUSTER_TOPICS_KEY });
              }}
            />
          ) : null}
        </div>
      )}
    </Field>
  );
}
