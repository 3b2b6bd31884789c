import { useId } from 'react';

export function Field({
  label,
  required,
  error,
  help,
  children,
}: {
  label: string;
  required?: boolean;
  error?: string;
  help?: React.ReactNode;
  children: (id: string, invalid: boolean) => React.ReactNode;
}) {
  const id = useId();
  return (
    <>
      <label className="lbl" htmlFor={id}>
        {required ? <span className="req">*</span> : null}
        {label}
      </label>
      <div>
        {children(id, Boolean(error))}
        {error ? <div className="field-error" role="alert">{error}</div> : help ? <div className="field-help">{help}</div> : null}
      </div>
    </>
  );
}

/**
 * Option buttons (Oracle Type, Connection Method, …): native radios drawn as buttons, so Tab reaches
 * the group, the arrow keys change the choice, and a screen reader hears `label` and each option.
 */
export function RadioGroup<T extends string>({ name, label, value, options, onChange }: { name: string; label: string; value: T; options: { value: T; label: string }[]; onChange(v: T): void }) {
  return (
    <div className="radio-group" role="radiogroup" aria-label={label} data-name={name}>
      {options.map((o) => (
        <label key={o.value} className={o.value === value ? 'on' : undefined}>
          <input type="radio" name={name} value={o.value} checked={o.value === value} onChange={() => onChange(o.value)} />
          {o.label}
        </label>
      ))}
    </div>
  );
}
