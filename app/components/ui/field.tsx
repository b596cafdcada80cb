import type { InputHTMLAttributes, ReactNode, TextareaHTMLAttributes } from "react";

export type ListOfErrors = Array<string | null | undefined> | null | undefined;

/** Errors for one field; `id` is what the input's aria-describedby points at. */
export function ErrorList({ id, errors }: { id?: string; errors?: ListOfErrors }) {
  const shown = errors?.filter(Boolean);
  if (!shown?.length) return null;
  return (
    <ul id={id} className="mt-1 space-y-1 text-sm text-red-700">
      {shown.map((error) => (
        <li key={error}>{error}</li>
      ))}
    </ul>
  );
}

type Labelled = { label: ReactNode; hint?: ReactNode; errors?: ListOfErrors };

const controlClass =
  "mt-1 block w-full rounded-md border px-3 py-2 text-base shadow-sm focus:border-brand-600 focus:outline-none focus:ring-2 focus:ring-brand-600/30";

/** The label, hint and errors around one control, and the attributes that tie the control to them. */
function FieldShell({
  id,
  label,
  hint,
  errors,
  children,
}: Labelled & { id: string; children: (wiring: InputHTMLAttributes<HTMLElement> & { className: string }) => ReactNode }) {
  const errorId = errors?.some(Boolean) ? `${id}-error` : undefined;
  const hintId = hint ? `${id}-hint` : undefined;
  return (
    <div>
      <label htmlFor={id} className="block text-sm font-medium text-slate-800">
        {label}
      </label>
      {hint ? (
        <p id={hintId} className="mt-0.5 text-sm text-slate-600">
          {hint}
        </p>
      ) : null}
      {children({
        "aria-invalid": errorId ? true : undefined,
        "aria-describedby": [errorId, hintId].filter(Boolean).join(" ") || undefined,
        className: `${controlClass} ${errorId ? "border-red-600" : "border-slate-300"}`,
      })}
      <ErrorList id={errorId} errors={errors} />
    </div>
  );
}

export function Field({
  inputProps,
  ...labelled
}: Labelled & { inputProps: InputHTMLAttributes<HTMLInputElement> & { id: string; key?: string } }) {
  // conform hands out a `key` that remounts the control when the form is reset.
  const { key, ...props } = inputProps;
  return (
    <FieldShell id={props.id} {...labelled}>
      {(wiring) => <input key={key} {...props} {...wiring} />}
    </FieldShell>
  );
}

export function TextareaField({
  textareaProps,
  ...labelled
}: Labelled & { textareaProps: TextareaHTMLAttributes<HTMLTextAreaElement> & { id: string; key?: string } }) {
  const { key, ...props } = textareaProps;
  return (
    <FieldShell id={props.id} {...labelled}>
      {(wiring) => <textarea key={key} rows={3} {...props} {...wiring} />}
    </FieldShell>
  );
}
