import { hasErrors, parseApplication, validate } from '@netcanvas/model';
import { readDesignFile } from '../design-file.ts';
import { type CommandResult, EXIT, formatDiagnostics, summarize } from '../output.ts';

/** `validate FILE [--json]`: prints findings; exits 1 when any is an error. */
export async function validateCommand(
  file: string,
  options: { json: boolean },
): Promise<CommandResult> {
  const parsed = parseApplication(await readDesignFile(file));
  const diagnostics = parsed.ok ? validate(parsed.app) : parsed.diagnostics;
  const failed = hasErrors(diagnostics);
  if (options.json) {
    return {
      exitCode: failed ? EXIT.findings : EXIT.ok,
      stdout: `${JSON.stringify({ file, valid: !failed, diagnostics }, null, 2)}\n`,
    };
  }
  const name = parsed.ok ? `${parsed.app.name} (${parsed.app.objects.length} objects)` : file;
  const head = `${file}: ${name}: ${summarize(diagnostics)}`;
  const body = diagnostics.length > 0 ? `\n${formatDiagnostics(diagnostics)}` : '';
  return failed
    ? { exitCode: EXIT.findings, stderr: `${head}${body}\n` }
    : { exitCode: EXIT.ok, stdout: `${head}${body}\n` };
}
