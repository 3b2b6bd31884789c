'use client';

import Link from 'next/link';
import { useQuery } from '@tanstack/react-query';
import { useTRPC } from '@/components/trpc/provider';
import { Field } from '@/components/ui/field';
import type { RouterOutputs } from '@/components/trpc/types';
import type { InstanceKind } from '@/server/model/saved-instance';

export type SavedInstance = RouterOutputs['instance']['list'][number];

/**
 * DTS's "Select a DMS database instance": a saved Oracle or Kafka instance fills in the fields
 * below it (never the password — the server uses the saved one while the connection stays the same).
 */
export function InstancePicker({ kind, value, onPick }: { kind: InstanceKind; value: string; onPick(instance: SavedInstance | null): void }) {
  const trpc = useTRPC();
  const list = useQuery(trpc.instance.list.queryOptions({ kind }));
  const instances = list.data ?? [];
  const chosen = instances.find((i) => i.id === value);
  return (
    <Field
      label="Select a DMS database instance"
      help={
        chosen ? (
          <>Filled in from saved instance <b>{chosen.name}</b>{chosen.settings.password === 'set' ? '; its saved password is used while these settings stay the same' : ''}.</>
        ) : (
          <>Optional: pick a <Link href="/instances">saved instance</Link> to fill in the fields, or enter them below.</>
        )
      }
    >
      {(id) => (
        <select
          id={id}
          name={`instance.${kind}`}
          className="input"
          value={chosen ? value : ''}
          onChange={(e) => onPick(instances.find((i) => i.id === e.target.value) ?? null)}
          disabled={list.isPending}
        >
          <option value="">{list.isPending ? 'Loading saved instances…' : instances.length === 0 ? 'No saved instances — enter the settings below' : 'None — enter the settings below'}</option>
          {instances.map((i) => (
            <option key={i.id} value={i.id}>
              {i.name} — {i.summary}
            </option>
          ))}
        </select>
      )}
    </Field>
  );
}
