const ID = /^[A-Za-z0-9][A-Za-z0-9_.-]{0,62}$/;

/** What the user typed to name a new application (created or imported). */
export interface AppNameInput {
  readonly name: string;
  readonly id: string;
}

/** A field's problem, worded for the form. */
export type AppFormErrors = Partial<Record<'name' | 'id' | 'controller', string>>;

/** An id derived from a name: lowercase, dashes, safe in URLs and OVN external_ids. */
export function suggestId(name: string): string {
  return name
    .toLowerCase()
    .normalize('NFKD')
    .replace(/[\u0300-\u036f]/g, '')
    .replace(/[^a-z0-9]+/g, '-')
    .replace(/^-+|-+$/g, '')
    .slice(0, 63)
    .replace(/-+$/, '');
}

/** Checks a name and id against the rules the server applies and the tenant's existing ids. */
export function checkAppName(input: AppNameInput, existingIds: readonly string[]): AppFormErrors {
  const errors: AppFormErrors = {};
  const name = input.name.trim();
  if (!name) errors.name = 'Give the application a name.';
  else if (name.length > 128) errors.name = 'Names are at most 128 characters.';
  if (!input.id) errors.id = 'Give the application an id.';
  else if (!ID.test(input.id)) {
    errors.id = 'Ids are 1–63 letters, digits, "_", "." or "-", starting with a letter or digit.';
  } else if (existingIds.includes(input.id)) {
    errors.id = `This tenant already has an application "${input.id}".`;
  }
  return errors;
}

/** Import also needs a controller to read from. */
export function checkImport(
  input: AppNameInput & { readonly controllerId: number | undefined },
  existingIds: readonly string[],
): AppFormErrors {
  const errors = checkAppName(input, existingIds);
  if (input.controllerId === undefined) errors.controller = 'Pick the controller to import from.';
  return errors;
}

/** True when the form has nothing to complain about. */
export const isValid = (errors: AppFormErrors): boolean => Object.keys(errors).length === 0;
