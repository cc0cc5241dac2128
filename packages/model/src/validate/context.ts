import type { Addressing } from '../addressing.ts';
import type { AppIndex } from '../app-index.ts';
import type { Diagnostic, DiagnosticCode, Severity } from '../diagnostics.ts';

/** What every validation rule sees. */
export interface ValidationContext {
  readonly index: AppIndex;
  readonly addr: Addressing;
}

/** A validation rule family: reads the context, returns findings. */
export type Check = (ctx: ValidationContext) => Diagnostic[];

export function error(
  objectId: string | undefined,
  path: (string | number)[],
  code: DiagnosticCode,
  message: string,
): Diagnostic {
  return { severity: 'error', objectId, path, code, message };
}

export function warning(
  objectId: string | undefined,
  path: (string | number)[],
  code: DiagnosticCode,
  message: string,
  severity: Severity = 'warning',
): Diagnostic {
  return { severity, objectId, path, code, message };
}
