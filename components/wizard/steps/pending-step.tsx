/** A step whose form has not been built yet: says so plainly instead of pretending. */
export function PendingStep({ title }: { title: string }) {
  return (
    <div className="card" data-testid="pending-step">
      <h2>{title}</h2>
      <div className="alert info">This step is not available in this version of the console yet. Your draft is saved; you can return to it from the task list.</div>
    </div>
  );
}
