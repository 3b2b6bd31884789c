'use client';

import { InstancePicker, type SavedInstance } from '@/components/connections/instance-picker';
import { KafkaConnectionFields } from '@/components/connections/kafka-connection-fields';
import { OracleSourceFields } from '@/components/connections/oracle-source-fields';
import { TopicField } from '@/components/connections/topic-field';
import { useClusterTopics } from '@/components/connections/use-cluster-topics';
import { Field, RadioGroup } from '@/components/ui/field';
import { useWizardStore } from '../wizard-store';
import { DemoFill } from './demo-fill';

/** Step 1: the Oracle source and the Kafka destination, labelled as the DTS console labels them. */
export function SourceDestinationStep({ errors, passwordsStored }: { errors: Record<string, string>; passwordsStored: { source: boolean; destination: boolean } }) {
  const values = useWizardStore((s) => s.values);
  const draftId = useWizardStore((s) => s.draftId);
  const update = useWizardStore((s) => s.update);
  const src = values.source;
  const dst = values.destination;
  const picked = values.instances ?? { source: '', destination: '' };
  const setSrc = (patch: Partial<typeof src>) => update((v) => ({ ...v, source: { ...v.source, ...patch } }));
  const setDst = (patch: Partial<typeof dst>) => update((v) => ({ ...v, destination: { ...v.destination, ...patch } }));
  const from = { taskId: draftId, instanceId: picked.destination };
  const topics = useClusterTopics(dst, from);

  const pickSource = (i: SavedInstance | null) =>
    update((v) => ({
      ...v,
      instances: { ...picked, source: i?.kind === 'oracle' ? i.id : '' },
      source: i?.kind === 'oracle' ? { ...v.source, ...i.settings, password: '', walletPassword: '' } : v.source,
    }));
  const pickDestination = (i: SavedInstance | null) =>
    update((v) => ({
      ...v,
      instances: { ...picked, destination: i?.kind === 'kafka' ? i.id : '' },
      destination: i?.kind === 'kafka' ? { ...v.destination, ...i.settings, brokers: i.settings.brokers.join(','), password: '' } : v.destination,
    }));
  const savedPassword = (stored: boolean, instance: string) =>
    instance ? 'Leave blank to use the password saved with the instance.' : stored ? 'A password is stored. Leave blank to keep it.' : undefined;

  return (
    <>
      <DemoFill />
      <div className="card">
        <div className="form-grid">
          <Field label="Task Name" required error={errors.name} help="A descriptive name; it does not need to be unique.">
            {(id) => <input id={id} name="name" className={`input${errors.name ? ' invalid' : ''}`} value={values.name} onChange={(e) => update((v) => ({ ...v, name: e.target.value }))} />}
          </Field>
        </div>
      </div>

      <div className="card" data-testid="source-card">
        <h2>Source Database</h2>
        <div className="form-grid">
          <InstancePicker kind="oracle" value={picked.source} onPick={pickSource} />
          <Field label="Database Type" required>
            {() => <div style={{ paddingTop: 7 }}>Oracle</div>}
          </Field>
          <OracleSourceFields value={src} onChange={setSrc} errors={errors} prefix="source" passwordHelp={savedPassword(passwordsStored.source, picked.source)} />
        </div>
      </div>

      <div className="card" data-testid="destination-card">
        <h2>Destination Database</h2>
        <div className="form-grid">
          <InstancePicker kind="kafka" value={picked.destination} onPick={pickDestination} />
          <Field label="Database Type" required>
            {() => <div style={{ paddingTop: 7 }}>Kafka</div>}
          </Field>
          <KafkaConnectionFields value={dst} onChange={setDst} errors={errors} prefix="destination" passwordHelp={savedPassword(passwordsStored.destination, picked.destination)} />
          <TopicField name="destination.topic" label="Topic" required value={dst.topic ?? ''} onChange={(topic) => setDst({ topic })} error={errors['destination.topic']} topics={topics} connection={dst} from={from} />
          <TopicField
            name="destination.ddlTopic"
            label="Topic That Stores DDL Information"
            value={dst.ddlTopic ?? ''}
            onChange={(ddlTopic) => setDst({ ddlTopic })}
            error={errors['destination.ddlTopic']}
            emptyHelp="Leave blank to store DDL events in the topic above."
            placeholder="blank: the topic above"
            topics={topics}
            connection={dst}
            from={from}
          />
          <Field label="Use Kafka Schema Registry">
            {() => (
              <RadioGroup
                name="destination.schemaRegistry.enabled"
                label="Use Kafka Schema Registry"
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
                <input id={id} name="destination.schemaRegistry.url" className={`input${errors['destination.schemaRegistry.url'] ? ' invalid' : ''}`} value={dst.schemaRegistry?.url ?? ''} onChange={(e) => setDst({ schemaRegistry: { enabled: true, url: e.target.value } })} placeholder="http://registry:8081" />
              )}
            </Field>
          ) : null}
        </div>
      </div>
    </>
  );
}
