import { randomSecret } from '../store/secrets.ts';
import type { Store } from '../store/store.ts';
import { hashPassword } from './passwords.ts';

/** The credentials made on first run; shown once, never stored in clear. */
export interface FirstRunAdmin {
  readonly username: string;
  readonly password: string;
  readonly tenant: string;
}

export const DEFAULT_TENANT = 'default';

/**
 * On a store with no users: creates the server admin with a random password, the `default`
 * tenant (admin is its admin) and its sandbox controller. Undefined on every later start.
 */
export async function bootstrapFirstRun(store: Store): Promise<FirstRunAdmin | undefined> {
  if (store.users.count() > 0) return undefined;
  const password = randomSecret(18);
  const hash = await hashPassword(password);
  return store.transaction(() => {
    if (store.users.count() > 0) return undefined;
    const admin = store.users.create('admin', hash, true);
    if (!store.tenants.get(DEFAULT_TENANT)) store.tenants.create(DEFAULT_TENANT, 'Default');
    store.tenants.setRole(DEFAULT_TENANT, admin.id, 'admin');
    if (store.controllers.list(DEFAULT_TENANT).length === 0) {
      store.controllers.create(DEFAULT_TENANT, 'sandbox', 'sandbox', null);
    }
    return { username: admin.username, password, tenant: DEFAULT_TENANT };
  });
}

/** The once-only console message with the first-run credentials. */
export function firstRunBanner(admin: FirstRunAdmin): string {
  return [
    '',
    'netcanvas: first run — created the server administrator',
    `  username: ${admin.username}`,
    `  password: ${admin.password}`,
    'This password is shown once and never again. Sign in and change it (PUT /api/auth/password).',
    '',
  ].join('\n');
}
