'use client';

import { Field, RadioGroup } from '@/components/ui/field';
import { KAFKA_VERSIONS } from '@/server/model/kafka-destination';
import { useWizardStore } from '../wizard-store';
import { DemoFill } from './demo-fill';

/** Step 1: the Oracle source and the Kafka destination, labelled as the DTS console labels them. */
export function SourceDestinationStep({ errors, passwordsStored }: { errors: Record<string, string>; passwordsStored: { source: boolean; destination: boolean } }) {
  const values = useWizardStore((s) => s.values);
  const update = useWizardStore((s) => s.update);
  const src = values.source;
  const dst = values.destination;
  const setSrc = (patch: Partial<typeof src>) => update((v) => ({ ...v, source: { ...v.source, ...patch } }));
  const setDst = (patch: Partial<typeof dst>) => update((v) => ({ ...v, destination: { ...v.destination, ...patch } }));
  const inputClass = (key: string) => `input${errors[key] ? ' invalid' : ''}`;

  return (
    <>
      <DemoFill />
      <div className="card">
        <div className="form-grid">
          <Field label="Task Name" required error={errors.name} help="A descriptive name; it does not need to be unique.">
            {(id) => <input id={id} name="name" className={inputClass('name')} value={values.name} onChange={(e) => update((v) => ({ ...v, name: e.target.value }))} />}
          </Field>
        </div>
      </div>

      <div className="card">
        <h2>Source Database</h2>
        <div className="form-grid">
          <Field label="Database Type" required>
            {() => <div style={{ paddingTop: 7 }}>Oracle</div>}
          </Field>
          <Field label="Host" required error={errors['source.host']} help="Host name or IP address of the self-managed Oracle database.">
            {(id) => <input id={id} name="source.host" className={inputClass('source.host')} value={src.host} onChange={(e) => setSrc({ host: e.target.value })} placeholder="db1.example.com" />}
          </Field>
          <Field label="Port Number" required error={errors['source.port']}>
            {(id) => <input id={id} name="source.port" className={inputClass('source.port')} value={String(src.port ?? '')} onChange={(e) => setSrc({ port: e.target.value as unknown as number })} inputMode="numeric" />}
          </Field>
          <Field label="Oracle Type" required>
            {() => (
              <RadioGroup
                name="source.kind"
                value={src.kind ?? 'sid'}
                options={[
                  { value: 'sid', label: 'Non-RAC Instance' },
                  { value: 'service', label: 'RAC or PDB Instance' },
                ]}
                onChange={(kind) => setSrc({ kind })}
              />
            )}
          </Field>
          <Field label={src.kind === 'service' ? 'Service Name' : 'SID'} required error={errors['source.database']}>
            {(id) => <input id={id} name="source.database" className={inputClass('source.database')} value={src.database} onChange={(e) => setSrc({ database: e.target.value })} placeholder={src.kind === 'service' ? 'ORCLPDB1' : 'ORCL'} />}
          </Field>
          <Field
            label="PDB Name"
            error={errors['source.pdb']}
            help="Multitenant (CDB) only. Connected to the root's service (the CDB name) with a common user (C##…), enter the PDB that holds the tables: they are read in the PDB and LogMiner runs in CDB$ROOT, keeping only that PDB's changes. Leave blank for a non-CDB, or when the service above is the PDB's own (per-PDB mining, Oracle 19c or later)."
          >
            {(id) => <input id={id} name="source.pdb" className={inputClass('source.pdb')} value={src.pdb ?? ''} onChange={(e) => setSrc({ pdb: e.target.value })} placeholder="ORCLPDB1" autoComplete="off" />}
          </Field>
          {src.kind === 'service' && (
            <Field
              label="RAC Instance Addresses"
              error={errors['source.racNodes']}
              help="RAC only: every instance as host:port, one per line. Before each mining window Ora2Kafka makes each instance's log writer write its redo, so recent changes are read within a second; without them, changes on the other instances wait for their own writes."
            >
              {(id) => (
                <textarea
                  id={id}
                  name="source.racNodes"
                  className={inputClass('source.racNodes')}
                  rows={2}
                  value={Array.isArray(src.racNodes) ? src.racNodes.join('\n') : typeof src.racNodes === 'string' ? src.racNodes : ''}
                  onChange={(e) => setSrc({ racNodes: e.target.value })}
                  placeholder={'rac-node1.example.com:1521\nrac-node2.example.com:1521'}
                  autoComplete="off"
                />
              )}
            </Field>
          )}
          <Field label="Database Account" required error={errors['source.user']}>
            {(id) => <input id={id} name="source.user" className={inputClass('source.user')} value={src.user} onChange={(e) => setSrc({ user: e.target.value })} autoComplete="off" />}
          </Field>
          <Field label="Database Password" required error={errors['source.password']} help={passwordsStored.source ? 'A password is stored. Leave blank to keep it.' : undefined}>
            {(id) => <input id={id} name="source.password" type="password" className={inputClass('source.password')} value={src.password ?? ''} onChange={(e) => setSrc({ password: e.target.value })} autoComplete="new-password" />}
          </Field>
          <Field
            label="Encryption"
            help="TLS (TCPS) works. Oracle native network encryption (SQLNET.ENCRYPTION_SERVER) does not: the thin driver cannot negotiate it, and a server that requires it refuses the connection (NJS-533) — use a TCPS listener instead."
          >
            {() => (
              <RadioGroup
                name="source.encryption"
                value={src.encryption ?? 'none'}
                options={[
                  { value: 'none', label: 'Non-encrypted (TCP)' },
                  { value: 'tls', label: 'TLS (TCPS)' },
                ]}
                onChange={(encryption) => setSrc({ encryption })}
              />
            )}
          </Field>
          {src.encryption === 'tls' ? (
            <>
              <Field
                label="Wallet Folder"
                error={errors['source.walletLocation']}
                help="Folder on the Ora2Kafka host holding ewallet.pem (PEM wallet: the CA certificates, and for mutual TLS the client certificate and key). Leave blank when the server certificate is signed by a CA the host trusts (system store, or a CA file named by NODE_EXTRA_CA_CERTS when the console starts)."
              >
                {(id) => <input id={id} name="source.walletLocation" className={inputClass('source.walletLocation')} value={src.walletLocation ?? ''} onChange={(e) => setSrc({ walletLocation: e.target.value })} placeholder="/etc/ora2kafka/wallet" autoComplete="off" />}
              </Field>
              <Field label="Wallet Password" error={errors['source.walletPassword']} help={passwordsStored.source ? 'Leave blank to keep a stored wallet password.' : 'Only when the key in ewallet.pem is encrypted.'}>
                {(id) => <input id={id} name="source.walletPassword" type="password" className="input" value={src.walletPassword ?? ''} onChange={(e) => setSrc({ walletPassword: e.target.value })} autoComplete="new-password" />}
              </Field>
              <Field label="Server Certificate DN" error={errors['source.serverCertDn']} help="Optional: the full subject DN the server certificate must carry; blank checks the host name instead.">
                {(id) => <input id={id} name="source.serverCertDn" className={inputClass('source.serverCertDn')} value={src.serverCertDn ?? ''} onChange={(e) => setSrc({ serverCertDn: e.target.value })} placeholder="CN=db1.example.com,O=Example" autoComplete="off" />}
              </Field>
              <Field label="Check Server Name">
                {() => (
                  <label style={{ display: 'inline-flex', gap: 6, paddingTop: 7 }}>
                    <input type="checkbox" name="source.serverDnMatch" checked={src.serverDnMatch ?? true} onChange={(e) => setSrc({ serverDnMatch: e.target.checked })} /> Match the certificate to the host name (or the DN above)
                  </label>
                )}
              </Field>
            </>
          ) : null}
        </div>
      </div>

      <div className="card">
        <h2>Destination Database</h2>
        <div className="form-grid">
          <Field label="Database Type" required>
            {() => <div style={{ paddingTop: 7 }}>Kafka</div>}
          </Field>
          <Field label="IP Address or Domain Name" required error={errors['destination.brokers']} help="One or more brokers, comma-separated; host or host:port.">
            {(id) => (
              <input
                id={id}
                name="destination.brokers"
                className={inputClass('destination.brokers')}
                value={Array.isArray(dst.brokers) ? dst.brokers.join(',') : dst.brokers}
                onChange={(e) => setDst({ brokers: e.target.value })}
                placeholder="10.0.0.5:9092"
              />
            )}
          </Field>
          <Field label="Port Number" required error={errors['destination.port']} help="Used for brokers written without a port.">
            {(id) => <input id={id} name="destination.port" className={inputClass('destination.port')} value={String(dst.port ?? '')} onChange={(e) => setDst({ port: e.target.value as unknown as number })} inputMode="numeric" />}
          </Field>
          <Field label="Kafka Version" required error={errors['destination.kafkaVersion']}>
            {(id) => (
              <select id={id} name="destination.kafkaVersion" className="input" value={dst.kafkaVersion} onChange={(e) => setDst({ kafkaVersion: e.target.value as (typeof KAFKA_VERSIONS)[number] })}>
                {KAFKA_VERSIONS.map((v) => <option key={v} value={v}>{v}</option>)}
              </select>
            )}
          </Field>
          <Field label="Connection Method" required>
            {() => (
              <RadioGroup
                name="destination.connectionMethod"
                value={dst.connectionMethod ?? 'plaintext'}
                options={[
                  { value: 'plaintext', label: 'Non-encrypted' },
                  { value: 'scram-sha-256', label: 'SCRAM-SHA-256' },
                ]}
                onChange={(connectionMethod) => setDst({ connectionMethod })}
              />
            )}
          </Field>
          {dst.connectionMethod === 'scram-sha-256' ? (
            <>
              <Field label="Database Account" required error={errors['destination.username']}>
                {(id) => <input id={id} name="destination.username" className={inputClass('destination.username')} value={dst.username ?? ''} onChange={(e) => setDst({ username: e.target.value })} autoComplete="off" />}
              </Field>
              <Field label="Database Password" error={errors['destination.password']} help={passwordsStored.destination ? 'A password is stored. Leave blank to keep it.' : undefined}>
                {(id) => <input id={id} name="destination.password" type="password" className="input" value={dst.password ?? ''} onChange={(e) => setDst({ password: e.target.value })} autoComplete="new-password" />}
              </Field>
            </>
          ) : null}
          <Field label="Encryption (TLS)">
            {() => (
              <label style={{ display: 'inline-flex', gap: 6, paddingTop: 7 }}>
                <input type="checkbox" name="destination.tls" checked={Boolean(dst.tls)} onChange={(e) => setDst({ tls: e.target.checked })} /> Connect over TLS
              </label>
            )}
          </Field>
          <Field label="Topic" required error={errors['destination.topic']} help="The topic must already exist.">
            {(id) => <input id={id} name="destination.topic" className={inputClass('destination.topic')} value={dst.topic} onChange={(e) => setDst({ topic: e.target.value })} placeholder="oracle-cdc" />}
          </Field>
          <Field label="Topic That Stores DDL Information" error={errors['destination.ddlTopic']} help="Leave blank to store DDL events in the topic above.">
            {(id) => <input id={id} name="destination.ddlTopic" className={inputClass('destination.ddlTopic')} value={dst.ddlTopic ?? ''} onChange={(e) => setDst({ ddlTopic: e.target.value })} />}
          </Field>
          <Field label="Use Kafka Schema Registry">
            {() => (
              <RadioGroup
                name="destination.schemaRegistry.enabled"
                value={dst.schemaRegistry?.enabled ? 'yes' : 'no'}
                options={[
                  { value: 'no', label: 'No' },
                  { value: 'yes', label: 'Yes' },
                ]}
                onChange={(v) => setDst({ schemaRegistry: { enabled: v === 'yes', url: dst.schemaRegistry?.url ?? '' } })}
              />
            )}
          </Field>
          {dst.schemaRegistry?.enabled ? (
            <Field label="Registry URL" required error={errors['destination.schemaRegistry.url']}>
              {(id) => (
                <input id={id} name="destination.schemaRegistry.url" className={inputClass('destination.schemaRegistry.url')} value={dst.schemaRegistry?.url ?? ''} onChange={(e) => setDst({ schemaRegistry: { enabled: true, url: e.target.value } })} placeholder="http://registry:8081" />
              )}
            </Field>
          ) : null}
        </div>
      </div>
    </>
  );
}
