import { createServer } from 'node:net';
import { describe, expect, it } from 'vitest';
import { parseLabArgs } from './cli-args.ts';
import { LabError } from './errors.ts';
import { checkPorts } from './preflight.ts';

describe('pnpm lab arguments', () => {
  it('gives site a and site b their own ports and directories', () => {
    const a = parseLabArgs(['up'], {});
    expect(a.config).toMatchObject({
      site: 'a',
      dir: '/tmp/netcanvas-lab/a',
      nbPort: 6641,
      sbPort: 6642,
      ovsPort: 6640,
    });
    const b = parseLabArgs(['up', '--site', 'b'], { NETCANVAS_LAB_DIR: '/srv/lab' });
    expect(b.config).toMatchObject({ dir: '/srv/lab/b', nbPort: 7641, sbPort: 7642 });
    expect(parseLabArgs(['up', '--nb-port', '9641'], {}).config.nbPort).toBe(9641);
  });

  it('says what is wrong with a command line', () => {
    expect(() => parseLabArgs(['start'], {})).toThrow(/unknown command "start"/);
    expect(() => parseLabArgs(['up', '--site', 'c'], {})).toThrow(/--nb-port, --sb-port/);
    expect(() => parseLabArgs(['up', '--sb-port', 'x'], {})).toThrow(/not a TCP port/);
  });

  it('names a port another process holds', async () => {
    const server = createServer();
    await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
    const port = (server.address() as { port: number }).port;
    const error = await checkPorts({ 'OVN NB': port }).catch((e: unknown) => e);
    server.close();
    expect(error).toBeInstanceOf(LabError);
    expect((error as LabError).code).toBe('port-in-use');
    expect((error as LabError).message).toContain(`OVN NB 127.0.0.1:${port} is in use`);
  });
});
