'use client';

import { useQuery } from '@tanstack/react-query';
import { useEffect, useState } from 'react';
import { useTRPCClient } from '@/components/trpc/provider';
import { kafkaConnectionSchema, type KafkaConnectionInput } from '@/server/model/kafka-destination';

/** The react-query key prefix of every topic list: invalidate it after Test Connectivity or Create Topic. */
export const CLUSTER_TOPICS_KEY = ['clusterTopics'] as const;

function useDebounced<T>(value: T, ms: number): T {
  const [v, setV] = useState(value);
  useEffect(() => {
    const t = setTimeout(() => setV(value), ms);
    return () => clearTimeout(t);
  }, [value, ms]);
  return v;
}

export interface TopicSource {
  /** The saved draft, whose stored password the server may use for the same brokers and account. */
  taskId: string | null;
  /** The picked saved Kafka instance, likewise. */
  instanceId: string;
}

/**
 * The destination cluster's topics (with partition counts) for the typed connection, once the
 * brokers are filled in and have stopped changing for a moment. The password never goes into the
 * query key; a blank one is filled in on the server from the draft or the saved instance.
 */
export function useClusterTopics(conn: KafkaConnectionInput, from: TopicSource) {
  const client = useTRPCClient();
  const settled = useDebounced(
    JSON.stringify({ brokers: conn.brokers, port: conn.port, kafkaVersion: conn.kafkaVersion, connectionMethod: conn.connectionMethod, username: conn.username, tls: conn.tls, caPem: conn.caPem, hasPassword: Boolean(conn.password), ...from }),
    600,
  );
  const parsed = kafkaConnectionSchema.safeParse(conn);
  const needsPassword = conn.connectionMethod === 'scram-sha-256' && !conn.password && !from.taskId && !from.instanceId;
  const query = useQuery({
    queryKey: [...CLUSTER_TOPICS_KEY, settled],
    queryFn: () => client.kafkaTopics.list.mutate({ connection: conn, taskId: from.taskId ?? undefined, instanceId: from.instanceId || undefined }),
    enabled: parsed.success && !needsPassword,
    retry: false,
    staleTime: 30_000,
  });
  return { ...query, waiting: !parsed.success ? 'brokers' : needsPassword ? 'password' : null };
}
