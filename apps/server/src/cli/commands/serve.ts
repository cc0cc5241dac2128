import { BootstrapError } from '../../auth/bootstrap.ts';
import { type RunningServer, startServer } from '../../serve.ts';
import { type CommandResult, EXIT } from '../output.ts';

/** `serve [--port N] [--host H] [--data DIR]`: runs until SIGINT/SIGTERM. */
export async function serveCommand(options: {
  port?: string;
  host?: string;
  data?: string;
}): Promise<CommandResult> {
  const portText = options.port ?? process.env.PORT ?? '8080';
  const port = Number(portText);
  if (!Number.isInteger(port) || port < 0 || port > 65535) {
    return { exitCode: EXIT.usage, stderr: `--port must be 0-65535, not "${portText}"\n` };
  }
  const host = options.host ?? process.env.HOST ?? '127.0.0.1';
  const dataDir = options.data ?? process.env.NETCANVAS_DATA;
  let server: RunningServer;
  try {
    server = await startServer({ port, host, ...(dataDir ? { dataDir } : {}) });
  } catch (err) {
    if (err instanceof BootstrapError) return { exitCode: EXIT.usage, stderr: `${err.message}\n` };
    if ((err as NodeJS.ErrnoException).code === 'EADDRINUSE') {
      return {
        exitCode: EXIT.usage,
        stderr: `${host}:${port} is taken by another process: pick another with --port (or PORT)\n`,
      };
    }
    throw err;
  }
  process.stdout.write(`netcanvas is running at ${server.url}\n`);
  const stop = () => {
    server.close().finally(() => process.exit(0));
  };
  process.once('SIGINT', stop);
  process.once('SIGTERM', stop);
  return { exitCode: EXIT.ok };
}
