'use client';

import { useMutation } from '@tanstack/react-query';
import { useState } from 'react';
import { KafkaConnectionFields } from '@/components/connections/kafka-connection-fields';
import { OracleSourceFields } from '@/components/connections/oracle-source-fields';
import type { SavedInstance } from '@/components/connections/instance-picker';
import { describeApiError } from '@/components/trpc/error-message';
import { useTRPC } from '@/components/trpc/provider';
import { Field } from '@/components/ui/field';
import { issueMap } from '@/components/wizard/issue-map';
import type { KafkaConnectionInput } from '@/server/model/kafka-destination';
import type { OracleSourceInput } from '@/server/model/oracle-source';
import { INSTANCE_KIND_LABEL, saveInstanceInputSchema, type InstanceKind } from '@/server/model/saved-instance';

const NEW_ORACLE: OracleSourceInput = { host: '', port: 1521, kind: 'sid', database: '', user: '', password: '', pdb: '', encryption: 'none', walletLocation: '', walletPassword: '', serverDnMatch: true, serverCertDn: '' };
const NEW_KAFKA: KafkaConnectionInput = { brokers: '', port: 9092, kafkaVersion: '4.x', connectionMethod: 'plaintext', username: '', password: '', tls: false, caPem: '' };

/** Add or edit one saved instance; its password is write-only (blank keeps the saved one for the same connection). */
export function InstanceForm({ kind, editing, onDone, onCancel }: { kind: InstanceKind; editing: SavedInstance | null; onDone(): void; onCancel(): void }) {
  const trpc = useTRPC();
  const [name, setName] = useState(editing?.name ?? '');
  const [oracle, setOracle] = useState<OracleSourceInput>(editing?.kind === 'oracle' ? { ...editing.settings, password: '', walletPassword: '' } : NEW_ORACLE);
  const [kafka, setKafka] = useState<KafkaConnectionInput>(editing?.kind === 'kafka' ? { ...editing.settings, brokers: editing.settings.brokers.join(','), password: '' } : NEW_KAFKA);
  const [errors, setErrors] = useState<Record<string, string>>({});
  const save = useMutation(trpc.instance.save.mutationOptions({ onSuccess: onDone }));
  const failure = save.isError ? describeApiError(save.error) : null;
  const allErrors = { ...(failure?.fields ?? {}), ...errors };
  const stored = editing?.settings.password === 'set';

  function submit(e: React.FormEvent) {
    e.preventDefault();
    const input = { id: editing?.id, kind, name, settings: kind === 'oracle' ? oracle : kafka };
    const parsed = saveInstanceInputSchema.safeParse(input);
    if (!parsed.success) return setErrors(issueMap(parsed.error));
    setErrors({});
    save.mutate(input as Parameters<typeof save.mutate>[0]);
  }

  return (
    <form className="card" data-testid="instance-form" onSubmit={submit}>
      <h2>{editing ? `Edit ${editing.name}` : `Add ${INSTANCE_KIND_LABEL[kind]} Instance`}</h2>
      {failure ? (
        <div className="alert error" role="alert">
          {failure.message}
          {failure.hint ? <div className="muted">{failure.hint}</div> : null}
        </div>
      ) : null}
      <div className="form-grid">
        <Field label="Instance Name" required error={allErrors.name} help="How the wizard's Select a DMS database instance lists it.">
          {(id) => <input id={id} name="name" className={`input${allErrors.name ? ' invalid' : ''}`} value={name} onChange={(e) => setName(e.target.value)} autoComplete="off" />}
        </Field>
        {kind === 'oracle' ? (
          <OracleSourceFields value={oracle} onChange={(p) => setOracle({ ...oracle, ...p })} errors={allErrors} prefix="settings" passwordRequired={!stored} passwordHelp={stored ? 'A password is saved. Leave blank to keep it (only while host, port, SID/service and account stay the same).' : 'Encrypted at rest; never shown again.'} />
        ) : (
          <KafkaConnectionFields value={kafka} onChange={(p) => setKafka({ ...kafka, ...p })} errors={allErrors} prefix="settings" passwordHelp={stored ? 'A password is saved. Leave blank to keep it (only while the brokers and account stay the same).' : 'Encrypted at rest; never shown again.'} />
        )}
      </div>
      <div className="toolbar" style={{ justifyContent: 'flex-end', marginTop: 12, marginBottom: 0 }}>
        <button type="button" className="btn" onClick={onCancel}>Cancel</button>
        <button type="submit" className="btn btn-primary" data-testid="instance-save" disabled={save.isPending}>
          {save.isPending ? 'Saving…' : 'Save Instance'}
        </button>
      </div>
    </form>
  );
}
