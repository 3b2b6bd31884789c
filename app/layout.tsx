import type { Metadata } from 'next';
import './globals.css';
import { TrpcReactProvider } from '@/components/trpc/provider';

export const metadata: Metadata = {
  title: 'Ora2Kafka — Data Migration',
  description: 'Migrate a live Oracle database into Apache Kafka: schema, full and incremental migration.',
};

export default function RootLayout({ children }: { children: React.ReactNode }) {
  return (
    <html lang="en">
      <body>
        <TrpcReactProvider>{children}</TrpcReactProvider>
      </body>
    </html>
  );
}
