'use client';

import { useMutation, useQueryClient } from '@tanstack/react-query';
import { useState } from 'react';
import { Refusable } from '@/components/auth/access-context';
import { CreateTopicDialog } from '@/components/connections/create-topic-dialog';
import { CLUSTER_TOPICS_KEY } from '@/components/connections/use-cluster-topics';
import { useTRPC } from '@/components/trpc/provider';
import { describeApiError } from '@/components/trpc/error-message';
import type { RouterOutputs } from '@/components/trpc/types';
import { useWizardStore } from '../wizard-store';

type Result = RouterOutputs['connectivity']['test'];

/**
 * Step 2: Test Connectivity — both ends, each with what was found or what failed and the fix. A
 * destination topic that does not exist yet can be created right here, then the test runs again.
 */
export function ConnectivityStep({ onResult }: { onResult(passed: boolean): void }) {
  const trpc = useTRPC();
  const qc = useQueryClient();
  const draftId = useWizardStore((s) => s.draftId);
  const destination = useWizardStore((s) => s.values.destination);
  const [creating, setCreating] = useState<string | null>(null);
  const test = useMutation(
    trpc.connectivity.test.mutationOptions({
      onSuccess: (r) => {
        onResult(r.source.ok && r.destination.ok);
        // Connected: the step-1 topic pickers show the cluster's topics as they are now.
        if (r.destination.ok) void qc.invalidateQueries({ queryKey: CLUSTER_TOPICS_KEY });
      },
      onError: () => onResult(false),
    }),
  );
  const d = test.data?.destination;
  const missingTopic = d && !d.ok && d.error.code === 'KAFKA_TOPIC_MISSING' ? (/Topic "([^"]+)"/.exec(d.error.message)?.[1] ?? null) : null;

  return (
    <div className="card" data-testid="connectivity-step">
      <h2>Test Connectivity</h2>
      <p className="muted">Ora2Kafka connects to the source database and the Kafka cluster with the settings and passwords saved in step 1.</p>
      <div className="toolbar">
        <button className="btn btn-primary" data-testid="test-connectivity" disabled={!draftId || test.isPending} onClick={() => draftId && test.mutate({ taskId: draftId })}>
          {test.isPending ? 'Testing…' : 'Test Connectivity'}
        </button>
      </div>
      {test.isError ? <div className="alert error" role="alert">{describeApiError(test.error).message}</div> : null}
      {test.data ? <Results r={test.data} /> : null}
      {missingTopic && draftId ? (
        <div className="toolbar" style={{ marginTop: 12 }}>
          <Refusable path="kafkaTopics.create">
            {(refused) => (
              <button className="btn" data-testid="create-missing-topic" disabled={refused} onClick={() => setCreating(missingTopic)}>
                Create topic {missingTopic}
              </button>
            )}
          </Refusable>
        </div>
      ) : null}
      {creating && draftId ? (
        <CreateTopicDialog
          connection={destination}
          from={{ taskId: draftId, instanceId: '' }}
          initialName={creating}
          brokers={null}
          onClose={() => setCreating(null)}
          onCreated={() => {
            setCreating(null);
            test.mutate({ taskId: draftId });
          }}
        />
      ) : null}
    </div>
  );
}

function Results({ r }: { r: Result }) {
  return (
    <table className="data" data-testid="connectivity-results">
      <tbody>
        <tr data-check="source" data-ok={r.source.ok}>
          <th style={{ width: 180 }}>Source (Oracle)</th>
          <td>
            {r.source.ok ? (
              <>
                <span className="status ok">Passed</span> · {r.source.banner} · database {r.source.dbName}
                {r.source.container ? <span data-testid="source-container"> · container {r.source.container}{r.source.miningContainer && r.source.miningContainer !== r.source.container ? `, LogMiner in ${r.source.miningContainer}` : ''}</span> : null}
                {r.source.simulator ? <span className="badge sim" style={{ marginLeft: 8 }}>simulator</span> : null}
              </>
            ) : (
              <Failure f={r.source.error} />
            )}
          </td>
          <td className="muted">{r.source.elapsedMs} ms</td>
        </tr>
        <tr data-check="destination" data-ok={r.destination.ok}>
          <th>Destination (Kafka)</th>
          <td>
            {r.destination.ok ? (
              <>
                <span className="status ok">Passed</span> · cluster {r.destination.clusterId}, {r.destination.brokers} broker(s) ·{' '}
                {r.destination.topics.map((t) => `${t.role === 'ddl' ? 'DDL topic' : 'topic'} ${t.name} (${t.partitions} partition${t.partitions === 1 ? '' : 's'})`).join(', ')}
              </>
            ) : (
              <Failure f={r.destination.error} />
            )}
          </td>
          <td className="muted">{r.destination.elapsedMs} ms</td>
        </tr>
      </tbody>
    </table>
  );
}

function Failure({ f }: { f: { code: string; message: string; hint: string | null } }) {
  return (
    <div>
      <span className="status err">Failed</span> <span className="mono muted">{f.code}</span>
      <div>{f.message}</div>
      {f.hint ? <div className="field-help">Fix: {f.hint}</div> : null}
    </div>
  );
}
