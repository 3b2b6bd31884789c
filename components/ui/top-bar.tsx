/** The dark top bar: logo, product crumb, whether this is the demo, and (signed in) the user menu. */
export function TopBar({ children }: { children?: React.ReactNode }) {
  const demo = process.env.ORA2KAFKA_DEMO === '1';
  return (
    <header className="topbar">
      <span className="logo">
        <span className="logo-mark">O2K</span> Ora2Kafka
      </span>
      <span className="crumb">Data Transmission · Oracle → Kafka</span>
      <span className="spacer" />
      {children}
      {demo ? (
        <span className="env demo" data-testid="env-demo" title="Started by npm run demo: simulated Oracle source, local Kafka broker, demo accounts. Not for production data.">
          demo mode
        </span>
      ) : (
        <span className="env">self-hosted</span>
      )}
    </header>
  );
}
