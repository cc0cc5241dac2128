import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { parseLabArgs } from './cli-args.ts';
import { LabError } from './errors.ts';
import { registerCommand, registerSite, siteRegistration } from './register.ts';
import { siteConfig, siteNames } from './site.ts';
import { startTestServer, type TestServer } from './test-server.ts';

/** Site a's controller, as `pnpm lab up` registers it. */
const registration = (name = 'lab-a') => {
  const config = siteConfig('a', {}, {});
  return siteRegistration({
    name,
    nbRemote: `tcp:127.0.0.1:${config.nbPort}`,
    sbRemote: `tcp:127.0.0.1:${config.sbPort}`,
    ovsRemote: `tcp:127.0.0.1:${config.ovsPort}`,
    sflowAgent: siteNames('a').sflowNsIp,
  });
};

describe('pnpm lab up --register: the site as a controller of a real netcanvas server', {
  timeout: 60_000,
}, () => {
  let server: TestServer | undefined;
  let url: string;
  let token: string;
  const data = mkdtempSync(join(tmpdir(), 'netcanvas-lab-register-'));

  beforeAll(async () => {
    // the server as a user starts it: its own CLI, its own process, stopped by PID
    server = await startTestServer(data);
    ({ url, token } = server);
    // a cold tsx start of the server takes seconds on a busy machine
  }, 60_000);
  afterAll(async () => {
    await server?.stop();
    rmSync(data, { recursive: true, force: true });
  });

  it("registers NB, SB and the OVS DB with br-int's sFlow agent, in the token's tenant", async () => {
    const registered = await registerSite(registration(), { server: url, token });
    expect(registered.tenant).toBe('default');
    const list = await fetch(`${url}/api/tenants/default/controllers`, {
      headers: { authorization: `Bearer ${token}` },
    });
    const lab = ((await list.json()) as Record<string, unknown>[]).find((c) => c.name === 'lab-a');
    expect(lab).toMatchObject({
      id: registered.id,
      kind: 'ovn',
      remote: 'tcp:127.0.0.1:6641',
      sbRemote: 'tcp:127.0.0.1:6642',
      ovsRemote: '169.254.4.2@tcp:127.0.0.1:6640',
    });
  });

  it('says plainly when the site is registered already, the token is wrong, or no server answers', async () => {
    const again = await registerSite(registration(), { server: url, token }).catch((e) => e);
    expect(again).toBeInstanceOf(LabError);
    expect((again as LabError).message).toContain('already has a controller named "lab-a"');
    const wrong = await registerSite(registration('lab-x'), {
      server: url,
      token: 'nct_not-a-token',
    }).catch((e) => e);
    expect((wrong as LabError).message).toContain('does not accept the token');
    const nobody = await registerSite(registration('lab-y'), {
      server: 'http://127.0.0.1:1',
      token,
    }).catch((e) => e);
    expect((nobody as LabError).message).toContain('no netcanvas server answers at');
    const list = await fetch(`${url}/api/tenants/default/controllers`, {
      headers: { authorization: `Bearer ${token}` },
    });
    const names = ((await list.json()) as { name: string }[]).map((c) => c.name);
    expect(names.sort()).toEqual(['lab-a', 'sandbox']);
  });

  it('prints a curl line that registers the same site by hand', async () => {
    const line = registerCommand(registration('lab-by-hand'), url);
    const { execFile } = await import('node:child_process');
    const out = await new Promise<string>((done, fail) =>
      execFile(
        'sh',
        ['-c', line],
        { env: { ...process.env, NETCANVAS_TOKEN: token } },
        (err, stdout) => (err ? fail(err) : done(stdout)),
      ),
    );
    expect(JSON.parse(out)).toMatchObject({
      name: 'lab-by-hand',
      ovsRemote: '169.254.4.2@tcp:127.0.0.1:6640',
    });
  });

  it('--register needs a token and a URL', () => {
    expect(() => parseLabArgs(['up', '--register', 'http://127.0.0.1:8080'], {})).toThrow(
      /needs an API token/,
    );
    expect(() => parseLabArgs(['up', '--register', '127.0.0.1:8080', '--token', 't'], {})).toThrow(
      /give the netcanvas server's URL/,
    );
    const ok = parseLabArgs(['up', '--register', 'http://h:1'], { NETCANVAS_TOKEN: 'nct_x' });
    expect(ok.register).toEqual({ server: 'http://h:1', token: 'nct_x', tenant: undefined });
    expect(ok.name).toBe('lab-a');
  });
});
