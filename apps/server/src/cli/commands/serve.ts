import { BootstrapError } from '../../auth/bootstrap.ts';
import { type TlsFiles, TlsFilesError } from '../../http/tls.ts';
import { type RunningServer, startServer } from '../../serve.ts';
import { type CommandResult, EXIT } from '../output.ts';

/** `--tls-cert` and `--tls-key` (or their variables): both or neither. */
function tlsFiles(options: {
  'tls-cert'?: string;
  'tls-key'?: string;
}): TlsFiles | undefined | string {
  const cert = options['tls-cert'] ?? process.env.NETCANVAS_TLS_CERT;
  const key = options['tls-key'] ?? process.env.NETCANVAS_TLS_KEY;
  if (!cert && !key) return undefined;
  if (!cert) return '--tls-key needs --tls-cert (or NETCANVAS_TLS_CERT) to serve HTTPS\n';
  if (!key) return '--tls-cert needs --tls-key (or NETCANVAS_TLS_KEY) to serve HTTPS\n';
  return { cert, key };
}

/** `serve [--port N] [--host H] [--data DIR] [--tls-cert FILE --tls-key FILE]`: runs until SIGINT/SIGTERM. */
export async function serveCommand(options: {
  port?: string;
  host?: string;
  data?: string;
  'tls-cert'?: string;
  'tls-key'?: string;
}): Promise<CommandResult> {
  const portText = options.port ?? process.env.PORT ?? '8080';
  const port = Number(portText);
  if (!Number.isInteger(port) || port < 0 || port > 65535) {
    return { exitCode: EXIT.usage, stderr: `--port must be 0-65535, not "${portText}"\n` };
  }
  const host = options.host ?? process.env.HOST ?? '127.0.0.1';
  const dataDir = options.data ?? process.env.NETCANVAS_DATA;
  const tls = tlsFiles(options);
  if (typeof tls === 'string') return { exitCode: EXIT.usage, stderr: tls };
  let server: RunningServer;
  try {
    server = await startServer({
      port,
      host,
      ...(dataDir ? { dataDir } : {}),
      ...(tls ? { tls } : {}),
    });
  } catch (err) {
    if (err instanceof BootstrapError || err instanceof TlsFilesError)
      return { exitCode: EXIT.usage, stderr: `${err.message}\n` };
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
