/** A field's problem under it, once the user tried to submit. */
export function FieldError({
  shown,
  message,
}: {
  readonly shown: boolean;
  readonly message?: string;
}) {
  if (!shown || !message) return null;
  return <span className="field-error">{message}</span>;
}
