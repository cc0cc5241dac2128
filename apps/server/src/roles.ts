import { z } from 'zod';

/** Roles per tenant: viewer sees, operator applies, designer edits, admin manages. */
export const ROLES = ['viewer', 'operator', 'designer', 'admin'] as const;
export const RoleSchema = z.enum(ROLES);
export type Role = (typeof ROLES)[number];

/** Whether `role` is one of `allowed`; admin may do everything, and every role may view. */
export function roleAllows(role: Role, allowed: readonly Role[]): boolean {
  return role === 'admin' || allowed.includes(role) || allowed.includes('viewer');
}
