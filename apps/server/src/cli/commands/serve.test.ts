import { createServer, type Server } from 'node:net';
import { afterEach, describe, expect, it } from 'vitest';
import { tempDataDir } from '../../test-server.ts';
import { serveCommand } from './serve.ts';

describe('pnpm netcanvas serve: refusals are messages, not stack traces', () => {
  const saved = process.env.NETCANVAS_ADMIN_PASSWORD;
  afterEach(() => {
    if (saved === undefined) delete process.env.NETCANVAS_ADMIN_PASSWORD;
    else process.env.NETCANVAS_ADMIN_PASSWORD = saved;
  });

  it('says the chosen admin password is too short, and exits 2', async () => {
    process.env.NETCANVAS_ADMIN_PASSWORD = 'short';
    const result = await serveCommand({ port: '0', data: tempDataDir() });
    expect(result).toEqual({
      exitCode: 2,
      stderr: expect.stringContaining('NETCANVAS_ADMIN_PASSWORD is 5 characters long'),
    });
  });

  it('says the port is taken, and exits 2', async () => {
    process.env.NETCANVAS_ADMIN_PASSWORD = 'a long enough password';
    const taken: Server = createServer();
    await new Promise<void>((resolve) => taken.listen(0, '127.0.0.1', resolve));
    const port = (taken.address() as { port: number }).port;
    try {
      const result = await serveCommand({ port: String(port), data: tempDataDir() });
      expect(result).toEqual({
        exitCode: 2,
        stderr: `127.0.0.1:${port} is taken by another process: pick another with --port (or PORT)\n`,
      });
    } finally {
      taken.close();
    }
  });
});
