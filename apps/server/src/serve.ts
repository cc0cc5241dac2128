import type { AddressInfo } from 'node:net';
import { type AppOptions, createApp } from './app.ts';

export interface ServeOptions extends Omit<AppOptions, 'consoleDir'> {
  /** 0 picks a free port */
  readonly port: number;
  readonly host?: string;
  /** the built console; defaults to apps/console/dist, `null` serves the API only */
  readonly consoleDir?: string | null;
}

/** A listening server. */
export interface RunningServer {
  readonly url: string;
  close(): Promise<void>;
}

/** Starts the API and console on host:port (127.0.0.1 unless told otherwise). */
export function startServer(options: ServeOptions): Promise<RunningServer> {
  const { port, host = '127.0.0.1', ...appOptions } = options;
  const app = createApp(appOptions);
  return new Promise((resolve, reject) => {
    const server = app.listen(port, host);
    server.once('error', reject);
    server.once('listening', () => {
      server.off('error', reject);
      const address = server.address() as AddressInfo;
      const shownHost = address.family === 'IPv6' ? `[${address.address}]` : address.address;
      resolve({
        url: `http://${shownHost}:${address.port}`,
        close: () =>
          new Promise<void>((done, fail) => {
            server.close((err) => (err ? fail(err) : done()));
            server.closeAllConnections();
          }),
      });
    });
  });
}
