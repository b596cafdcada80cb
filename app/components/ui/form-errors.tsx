import { ErrorList, type ListOfErrors } from "./field";

/**
 * Errors of the whole form, plus a summary of field errors linking to each field, announced when
 * it appears. `fields` maps a field's input id to its label and errors.
 */
export function FormErrors({
  id,
  formErrors,
  fields = [],
}: {
  id: string;
  formErrors?: ListOfErrors;
  fields?: Array<{ inputId: string; label: string; errors?: ListOfErrors }>;
}) {
  const withErrors = fields.filter((f) => f.errors?.some(Boolean));
  const general = formErrors?.filter(Boolean) ?? [];
  if (!general.length && !withErrors.length) return null;
  return (
    <div id={id} role="alert" tabIndex={-1} className="rounded-md border border-red-300 bg-red-50 p-4 text-sm text-red-800">
      {general.length ? <ErrorList errors={general} /> : <p className="font-medium">Please fix the following:</p>}
      {withErrors.length ? (
        <ul className="mt-2 list-disc space-y-1 pl-5">
          {withErrors.map((field) => (
            <li key={field.inputId}>
              <a href={`#${field.inputId}`} className="underline">
                {field.label}: {field.errors?.filter(Boolean)[0]}
              </a>
            </li>
          ))}
        </ul>
      ) : null}
    </div>
  );
}
