import type { Metadata } from 'next';
import './globals.css';
import { TrpcReactProvider } from '@/components/trpc/provider';
import { SideNav } from '@/components/ui/side-nav';

export const metadata: Metadata = {
  title: 'Ora2Kafka — Data Migration',
  description: 'Migrate a live Oracle database into Apache Kafka: schema, full and incremental migration.',
};

export default function RootLayout({ children }: { children: React.ReactNode }) {
  return (
    <html lang="en">
      <body>
        <header className="topbar">
          <span className="logo">
            <span className="logo-mark">O2K</span> Ora2Kafka
          </span>
          <span className="crumb">Data Transmission · Oracle → Kafka</span>
          <span className="spacer" />
          <span className="env">self-hosted</span>
        </header>
        <div className="shell">
          <SideNav />
          <main className="content">
            <TrpcReactProvider>{children}</TrpcReactProvider>
          </main>
        </div>
      </body>
    </html>
  );
}
