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

export function RadioGroup<T extends string>({ name, value, options, onChange }: { name: string; value: T; options: { value: T; label: string }[]; onChange(v: T): void }) {
  return (
    <div className="radio-group" role="radiogroup" aria-label={name}>
      {options.map((o) => (
        <label key={o.value} className={o.value === value ? 'on' : undefined}>
          <input type="radio" name={name} value={o.value} checked={o.value === value} onChange={() => onChange(o.value)} />
          {o.label}
        </label>
      ))}
    </div>
  );
}
