import type { Diagnostic } from '@netcanvas/model';

/** A CLI outcome: what to print and the exit status. */
export interface CommandResult {
  readonly exitCode: number;
  readonly stdout?: string;
  readonly stderr?: string;
}

/** Exit statuses pipelines can branch on. */
export const EXIT = { ok: 0, findings: 1, usage: 2, unavailable: 3, controller: 4 } as const;

/** One line per finding: severity, object, path, code, message. */
export function formatDiagnostics(diagnostics: readonly Diagnostic[]): string {
  return diagnostics
    .map((d) => {
      const where = [d.objectId ?? '(app)', d.path.length > 0 ? d.path.join('.') : '']
        .filter(Boolean)
        .join(' ');
      return `${d.severity.padEnd(7)} ${where}  [${d.code}]\n        ${d.message}`;
    })
    .join('\n');
}

/** "3 errors, 1 warning" */
export function summarize(diagnostics: readonly Diagnostic[]): string {
  const n = (sev: Diagnostic['severity']) => diagnostics.filter((d) => d.severity === sev).length;
  const plural = (k: number, w: string) => `${k} ${w}${k === 1 ? '' : 's'}`;
  return `${plural(n('error'), 'error')}, ${plural(n('warning'), 'warning')}`;
}
