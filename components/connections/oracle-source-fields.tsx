'use client';

import { Field, RadioGroup } from '@/components/ui/field';
import type { OracleSourceInput } from '@/server/model/oracle-source';

/**
 * The Oracle source as DTS asks for it, for the wizard's step 1 and a saved Oracle instance: the
 * same fields, names `<prefix>.host`, `<prefix>.port`, … so errors keyed by those paths land beside
 * them. Passwords are write-only: `passwordHelp` says what a blank one means.
 */
export function OracleSourceFields({
  value: src,
  onChange: setSrc,
  errors,
  prefix,
  passwordHelp,
  passwordRequired = true,
}: {
  value: OracleSourceInput;
  onChange(patch: Partial<OracleSourceInput>): void;
  errors: Record<string, string>;
  prefix: string;
  passwordHelp?: string;
  passwordRequired?: boolean;
}) {
  const k = (field: string) => `${prefix}.${field}`;
  const inputClass = (field: string) => `input${errors[k(field)] ? ' invalid' : ''}`;
  return (
    <>
      <Field label="Host" required error={errors[k('host')]} help="Host name or IP address of the self-managed Oracle database.">
        {(id) => <input id={id} name={k('host')} className={inputClass('host')} value={src.host} onChange={(e) => setSrc({ host: e.target.value })} placeholder="db1.example.com" />}
      </Field>
      <Field label="Port Number" required error={errors[k('port')]}>
        {(id) => <input id={id} name={k('port')} className={inputClass('port')} value={String(src.port ?? '')} onChange={(e) => setSrc({ port: e.target.value as unknown as number })} inputMode="numeric" />}
      </Field>
      <Field label="Oracle Type" required>
        {() => (
          <RadioGroup
            name={k('kind')}
            label="Oracle Type"
            value={src.kind ?? 'sid'}
            options={[
              { value: 'sid', label: 'Non-RAC Instance' },
              { value: 'service', label: 'RAC or PDB Instance' },
            ]}
            onChange={(kind) => setSrc({ kind })}
          />
        )}
      </Field>
      <Field label={src.kind === 'service' ? 'Service Name' : 'SID'} required error={errors[k('database')]}>
        {(id) => <input id={id} name={k('database')} className={inputClass('database')} value={src.database} onChange={(e) => setSrc({ database: e.target.value })} placeholder={src.kind === 'service' ? 'ORCLPDB1' : 'ORCL'} />}
      </Field>
      <Field
        label="PDB Name"
        error={errors[k('pdb')]}
        help="Multitenant (CDB) only. Connected to the root's service (the CDB name) with a common user (C##…), enter the PDB that holds the tables: they are read in the PDB and LogMiner runs in CDB$ROOT, keeping only that PDB's changes. Leave blank for a non-CDB, or when the service above is the PDB's own (per-PDB mining, Oracle 19c or later)."
      >
        {(id) => <input id={id} name={k('pdb')} className={inputClass('pdb')} value={src.pdb ?? ''} onChange={(e) => setSrc({ pdb: e.target.value })} placeholder="ORCLPDB1" autoComplete="off" />}
      </Field>
      {src.kind === 'service' && (
        <Field
          label="RAC Instance Addresses"
          error={errors[k('racNodes')]}
          help="RAC only: every instance as host:port, one per line. Before each mining window Ora2Kafka makes each instance's log writer write its redo, so recent changes are read within a second; without them, changes on the other instances wait for their own writes."
        >
          {(id) => (
            <textarea
              id={id}
              name={k('racNodes')}
              className={inputClass('racNodes')}
              rows={2}
              value={Array.isArray(src.racNodes) ? src.racNodes.join('\n') : typeof src.racNodes === 'string' ? src.racNodes : ''}
              onChange={(e) => setSrc({ racNodes: e.target.value })}
              placeholder={'rac-node1.example.com:1521\nrac-node2.example.com:1521'}
              autoComplete="off"
            />
          )}
        </Field>
      )}
      <Field label="Database Account" required error={errors[k('user')]}>
        {(id) => <input id={id} name={k('user')} className={inputClass('user')} value={src.user} onChange={(e) => setSrc({ user: e.target.value })} autoComplete="off" />}
      </Field>
      <Field label="Database Password" required={passwordRequired} error={errors[k('password')]} help={passwordHelp}>
        {(id) => <input id={id} name={k('password')} type="password" className={inputClass('password')} value={src.password ?? ''} onChange={(e) => setSrc({ password: e.target.value })} autoComplete="new-password" />}
      </Field>
      <Field
        label="Encryption"
        help="TLS (TCPS) works. Oracle native network encryption (SQLNET.ENCRYPTION_SERVER) does not: the thin driver cannot negotiate it, and a server that requires it refuses the connection (NJS-533) — use a TCPS listener instead."
      >
        {() => (
          <RadioGroup
            name={k('encryption')}
            label="Encryption"
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
            error={errors[k('walletLocation')]}
            help="Folder on the Ora2Kafka host holding ewallet.pem (PEM wallet: the CA certificates, and for mutual TLS the client certificate and key). Leave blank when the server certificate is signed by a CA the host trusts (system store, or a CA file named by NODE_EXTRA_CA_CERTS when the console starts)."
          >
            {(id) => <input id={id} name={k('walletLocation')} className={inputClass('walletLocation')} value={src.walletLocation ?? ''} onChange={(e) => setSrc({ walletLocation: e.target.value })} placeholder="/etc/ora2kafka/wallet" autoComplete="off" />}
          </Field>
          <Field label="Wallet Password" error={errors[k('walletPassword')]} help={passwordHelp ? 'Leave blank to keep a stored wallet password.' : 'Only when the key in ewallet.pem is encrypted.'}>
            {(id) => <input id={id} name={k('walletPassword')} type="password" className="input" value={src.walletPassword ?? ''} onChange={(e) => setSrc({ walletPassword: e.target.value })} autoComplete="new-password" />}
          </Field>
          <Field label="Server Certificate DN" error={errors[k('serverCertDn')]} help="Optional: the full subject DN the server certificate must carry; blank checks the host name instead.">
            {(id) => <input id={id} name={k('serverCertDn')} className={inputClass('serverCertDn')} value={src.serverCertDn ?? ''} onChange={(e) => setSrc({ serverCertDn: e.target.value })} placeholder="CN=db1.example.com,O=Example" autoComplete="off" />}
          </Field>
          <Field label="Check Server Name">
            {() => (
              <label style={{ display: 'inline-flex', gap: 6, paddingTop: 7 }}>
                <input type="checkbox" name={k('serverDnMatch')} checked={src.serverDnMatch ?? true} onChange={(e) => setSrc({ serverDnMatch: e.target.checked })} /> Match the certificate to the host name (or the DN above)
              </label>
            )}
          </Field>
        </>
      ) : null}
    </>
  );
}
