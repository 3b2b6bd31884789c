'use client';

import { Field, RadioGroup } from '@/components/ui/field';
import { KAFKA_VERSIONS, type KafkaConnectionInput } from '@/server/model/kafka-destination';

/**
 * How to reach a Kafka cluster — brokers, port, version, Connection Method, account, password, TLS —
 * for the wizard's destination and a saved Kafka instance, named `<prefix>.brokers`, … like step 1.
 */
export function KafkaConnectionFields({
  value: dst,
  onChange: setDst,
  errors,
  prefix,
  passwordHelp,
  onBrokersBlur,
}: {
  value: KafkaConnectionInput;
  onChange(patch: Partial<KafkaConnectionInput>): void;
  errors: Record<string, string>;
  prefix: string;
  passwordHelp?: string;
  onBrokersBlur?(): void;
}) {
  const k = (field: string) => `${prefix}.${field}`;
  const inputClass = (field: string) => `input${errors[k(field)] ? ' invalid' : ''}`;
  return (
    <>
      <Field label="IP Address or Domain Name" required error={errors[k('brokers')]} help="One or more brokers, comma-separated; host or host:port.">
        {(id) => (
          <input
            id={id}
            name={k('brokers')}
            className={inputClass('brokers')}
            value={Array.isArray(dst.brokers) ? dst.brokers.join(',') : (dst.brokers ?? '')}
            onChange={(e) => setDst({ brokers: e.target.value })}
            onBlur={onBrokersBlur}
            placeholder="10.0.0.5:9092"
          />
        )}
      </Field>
      <Field label="Port Number" required error={errors[k('port')]} help="Used for brokers written without a port.">
        {(id) => <input id={id} name={k('port')} className={inputClass('port')} value={String(dst.port ?? '')} onChange={(e) => setDst({ port: e.target.value as unknown as number })} inputMode="numeric" />}
      </Field>
      <Field label="Kafka Version" required error={errors[k('kafkaVersion')]}>
        {(id) => (
          <select id={id} name={k('kafkaVersion')} className="input" value={dst.kafkaVersion ?? '4.x'} onChange={(e) => setDst({ kafkaVersion: e.target.value as (typeof KAFKA_VERSIONS)[number] })}>
            {KAFKA_VERSIONS.map((v) => <option key={v} value={v}>{v}</option>)}
          </select>
        )}
      </Field>
      <Field label="Connection Method" required>
        {() => (
          <RadioGroup
            name={k('connectionMethod')}
            label="Connection Method"
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
          <Field label="Database Account" required error={errors[k('username')]}>
            {(id) => <input id={id} name={k('username')} className={inputClass('username')} value={dst.username ?? ''} onChange={(e) => setDst({ username: e.target.value })} autoComplete="off" />}
          </Field>
          <Field label="Database Password" error={errors[k('password')]} help={passwordHelp}>
            {(id) => <input id={id} name={k('password')} type="password" className={inputClass('password')} value={dst.password ?? ''} onChange={(e) => setDst({ password: e.target.value })} autoComplete="new-password" />}
          </Field>
        </>
      ) : null}
      <Field label="Encryption (TLS)">
        {() => (
          <label style={{ display: 'inline-flex', gap: 6, paddingTop: 7 }}>
            <input type="checkbox" name={k('tls')} checked={Boolean(dst.tls)} onChange={(e) => setDst({ tls: e.target.checked })} /> Connect over TLS
          </label>
        )}
      </Field>
    </>
  );
}
