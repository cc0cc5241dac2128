import {
  hasErrors,
  type PacketProtocol,
  parseApplication,
  validate,
  whatIf,
} from '@netcanvas/model';
import { readDesignFile } from '../design-file.ts';
import { type CommandResult, EXIT, formatDiagnostics } from '../output.ts';

const PROTOCOLS = ['tcp', 'udp', 'sctp', 'icmp'] as const;

/** `what-if FILE --from A --to B [--protocol tcp] [--port N]`: a static trace of the design. */
export async function whatIfCommand(
  file: string,
  options: { from?: string; to?: string; protocol?: string; port?: string; json: boolean },
): Promise<CommandResult> {
  if (!options.from || !options.to) {
    return {
      exitCode: EXIT.usage,
      stderr: 'what-if needs --from and --to (workload, load balancer or IP)\n',
    };
  }
  const protocol = (options.protocol ?? 'tcp') as PacketProtocol;
  if (!PROTOCOLS.includes(protocol)) {
    return { exitCode: EXIT.usage, stderr: `--protocol must be one of ${PROTOCOLS.join(', ')}\n` };
  }
  const port = options.port === undefined ? undefined : Number(options.port);
  if (port !== undefined && !(Number.isInteger(port) && port >= 1 && port <= 65535)) {
    return { exitCode: EXIT.usage, stderr: `--port must be 1-65535, not "${options.port}"\n` };
  }
  const parsed = parseApplication(await readDesignFile(file));
  if (!parsed.ok)
    return { exitCode: EXIT.findings, stderr: `${formatDiagnostics(parsed.diagnostics)}\n` };
  const result = whatIf(parsed.app, {
    from: options.from,
    to: options.to,
    protocol,
    ...(port ? { port } : {}),
  });
  if (options.json) return { exitCode: EXIT.ok, stdout: `${JSON.stringify(result, null, 2)}\n` };
  const hops = result.hops.map(
    (h) => `  ${h.kind.padEnd(13)} ${h.name}${h.detail ? `  (${h.detail})` : ''}`,
  );
  const broken = hasErrors(validate(parsed.app));
  return {
    exitCode: EXIT.ok,
    ...(broken
      ? {
          stderr: `warning: ${file} has validation errors (see netcanvas validate); this trace may not match what OVN would do\n`,
        }
      : {}),
    stdout: `${result.verdict.toUpperCase()}: ${result.reason}\n${hops.join('\n')}\n`,
  };
}
