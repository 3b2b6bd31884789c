'use client';

import { useQuery } from '@tanstack/react-query';
import { useTRPC } from '@/components/trpc/provider';
import { useWizardStore } from '../wizard-store';

/** In the demo, one click fills in the built-in Oracle simulator and the local Kafka broker. */
export function DemoFill() {
  const trpc = useTRPC();
  const info = useQuery(trpc.system.info.queryOptions());
  const update = useWizardStore((s) => s.update);
  const demo = info.data?.demo;
  if (!demo) return null;
  return (
    <div className="alert info" data-testid="demo-fill">
      <strong>Demo environment.</strong> The source can be the built-in Oracle simulator{' '}
      <span className="badge sim">simulator — not a real Oracle database</span>
      {demo.destination ? ' and the destination the local Kafka broker started by the demo.' : '.'} The button fills in everything but the
      password: type the demo account&apos;s password, printed in the <span className="mono">npm run demo</span> banner and the README.{' '}
      <button
        className="btn btn-link"
        onClick={() =>
          update((v) => ({
            ...v,
            source: { ...v.source, ...demo.source },
            destination: demo.destination ? { ...v.destination, brokers: demo.destination.brokers, topic: demo.destination.topic, ddlTopic: demo.destination.ddlTopic, connectionMethod: 'plaintext' } : v.destination,
          }))
        }
      >
        Fill in the demo source and destination
      </button>
    </div>
  );
}
