import type { InputHTMLAttributes, ReactNode } from "react";

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

export function Field({
  label,
  hint,
  inputProps,
  errors,
}: {
  label: ReactNode;
  hint?: ReactNode;
  inputProps: InputHTMLAttributes<HTMLInputElement> & { id: string; key?: string };
  errors?: ListOfErrors;
}) {
  // conform hands out a `key` that remounts the input when the form is reset.
  const { key, ...props } = inputProps;
  const id = props.id;
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
      <input
        key={key}
        {...props}
        aria-invalid={errorId ? true : undefined}
        aria-describedby={[errorId, hintId].filter(Boolean).join(" ") || undefined}
        className={`mt-1 block w-full rounded-md border px-3 py-2 text-base shadow-sm focus:border-brand-600 focus:outline-none focus:ring-2 focus:ring-brand-600/30 ${
          errorId ? "border-red-600" : "border-slate-300"
        }`}
      />
      <ErrorList id={errorId} errors={errors} />
    </div>
  );
}
