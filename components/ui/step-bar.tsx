export function StepBar({ steps, current }: { steps: readonly { id: string; title: string; short?: string }[]; current: number }) {
  return (
    <ol className="stepbar" aria-label="Wizard steps" style={{ listStyle: 'none', padding: 0 }}>
      {steps.map((s, i) => (
        <li key={s.id} className={`step ${i === current ? 'current' : i < current ? 'done' : ''}`} aria-current={i === current ? 'step' : undefined} data-step={s.id}>
          <span className="num">{i < current ? '✓' : i + 1}</span>
          <span className="label" title={s.title}>{s.short ?? s.title}</span>
        </li>
      ))}
    </ol>
  );
}
