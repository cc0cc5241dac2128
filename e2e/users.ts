/** Who the e2e server knows: the first-run admin and the `acme` tenant's members. */
export const ADMIN = { username: 'admin', password: 'e2e-admin-password-0' } as const;

/** The tenant the specs work in. */
export const TENANT = 'acme';

export const DESIGNER = {
  username: 'dana',
  password: 'dana-designs-networks',
  role: 'designer',
} as const;
export const DESIGNER_2 = {
  username: 'erik',
  password: 'erik-designs-networks',
  role: 'designer',
} as const;
export const OPERATOR = {
  username: 'olga',
  password: 'olga-operates-things',
  role: 'operator',
} as const;
export const VIEWER = {
  username: 'vic',
  password: 'vic-only-looks-around',
  role: 'viewer',
} as const;

export const MEMBERS = [DESIGNER, DESIGNER_2, OPERATOR, VIEWER] as const;

/** A user who can sign in. */
export type E2eUser = { readonly username: string; readonly password: string };
