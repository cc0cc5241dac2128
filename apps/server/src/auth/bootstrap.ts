import { randomSecret } from '../store/secrets.ts';
import type { Store } from '../store/store.ts';
import { hashPassword } from './passwords.ts';

/** The credentials made on first run; shown once, never stored in clear. */
export interface FirstRunAdmin {
  readonly username: string;
  readonly password: string;
  readonly tenant: string;
  /** the operator chose the password (NETCANVAS_ADMIN_PASSWORD): it is never printed */
  readonly passwordFromEnv: boolean;
}

export const DEFAULT_TENANT = 'default';

/** The variable that sets the first-run admin password instead of a random one. */
export const ADMIN_PASSWORD_ENV = 'NETCANVAS_ADMIN_PASSWORD';

const MIN_PASSWORD = 12;

/** A first run that must not go on: the server refuses to start and says why. */
export class BootstrapError extends Error {
  readonly code = 'weak-admin-password' as const;

  constructor(message: string) {
    super(message);
    this.name = 'BootstrapError';
  }
}

function chosenPassword(env: NodeJS.ProcessEnv): string | undefined {
  const value = env[ADMIN_PASSWORD_ENV];
  if (value === undefined || value === '') return undefined;
  if (value.length < MIN_PASSWORD) {
    throw new BootstrapError(
      `${ADMIN_PASSWORD_ENV} is ${value.length} characters long; use at least ${MIN_PASSWORD}, or unset it to get a random password`,
    );
  }
  return value;
}

/**
 * On a store with no users: creates the server admin (password from NETCANVAS_ADMIN_PASSWORD,
 * else random), the `default` tenant (admin is its admin) and its sandbox controller.
 * Undefined on every later start, where the variable is ignored.
 */
export async function bootstrapFirstRun(
  store: Store,
  env: NodeJS.ProcessEnv = process.env,
): Promise<FirstRunAdmin | undefined> {
  if (store.users.count() > 0) return undefined;
  const chosen = chosenPassword(env);
  const password = chosen ?? randomSecret(18);
  const hash = await hashPassword(password);
  return store.transaction(() => {
    if (store.users.count() > 0) return undefined;
    const admin = store.users.create('admin', hash, true);
    if (!store.tenants.get(DEFAULT_TENANT)) store.tenants.create(DEFAULT_TENANT, 'Default');
    store.tenants.setRole(DEFAULT_TENANT, admin.id, 'admin');
    if (store.controllers.list(DEFAULT_TENANT).length === 0) {
      store.controllers.create(DEFAULT_TENANT, 'sandbox', 'sandbox', null);
    }
    return {
      username: admin.username,
      password,
      tenant: DEFAULT_TENANT,
      passwordFromEnv: chosen !== undefined,
    };
  });
}

/** The once-only console message with the first-run credentials (a chosen password is not echoed). */
export function firstRunBanner(admin: FirstRunAdmin): string {
  if (admin.passwordFromEnv) {
    return [
      '',
      'netcanvas: first run — created the server administrator',
      `  username: ${admin.username}`,
      `  password: the one in ${ADMIN_PASSWORD_ENV}`,
      '',
    ].join('\n');
  }
  return [
    '',
    'netcanvas: first run — created the server administrator',
    `  username: ${admin.username}`,
    `  password: ${admin.password}`,
    'This password is shown once and never again. Sign in and change it (PUT /api/auth/password).',
    '',
  ].join('\n');
}
