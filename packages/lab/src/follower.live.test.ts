/**
 * Live: a lab site registered in a real netcanvas server (its own process) with the lab
 * agent following it; applies through the server's API bring workloads up and take a
 * deleted one away with no `pnpm lab sync`. Needs root and the OVS/OVN packages.
 */
import { randomBytes } from 'node:crypto';
import { mkdtemp, readFile, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { type Application, templateById } from '@netcanvas/model';
import { freePort } from '@netcanvas/ovsdb/testing';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { isOurs, type StartedProcess } from './daemons.ts';
import { waitFor } from './exec.ts';
import { startFollower } from './follow-process.ts';
import { LabSite, listNamespaces } from './lab.ts';
import { missingPrograms } from './preflight.ts';
import { registerSite, siteRegistration } from './register.ts';
import { siteConfig } from './site.ts';
import { startTestServer, type TestServer } from './test-server.ts';
import { LabAgent } from './workloads.ts';

const missing = missingPrograms();
const skipReason =
  process.getuid?.() !== 0
    ? 'not root (network namespaces, veth and tap devices need it)'
    : missing.length > 0
      ? `missing ${missing.join(', ')} (apt-get install -y ovn-central ovn-host openvswitch-switch iputils-ping ethtool)`
      : undefined;
if (skipReason) console.warn(`skipping the lab follower test: ${skipReason}`);

describe.skipIf(skipReason !== undefined)(
  'the lab agent follows applies',
  { timeout: 90_000 },
  () => {
    let server: TestServer | undefined;
    let url = '';
    let token = '';
    let root = '';
    let site: LabSite;
    let controller = 0;
    let agentProcess: StartedProcess;
    let etag = '';
    let app: Application = templateById('three-tier').build({
      id: 'shop',
      name: 'shop',
      tenant: 'default',
    });

    const api = async (method: string, path: string, body?: unknown, headers = {}) => {
      const res = await fetch(`${url}/api${path}`, {
        method,
        headers: {
          authorization: `Bearer ${token}`,
          ...headers,
          ...(body === undefined ? {} : { 'content-type': 'application/json' }),
        },
        ...(body === undefined ? {} : { body: JSON.stringify(body) }),
      });
      etag = res.headers.get('etag') ?? etag;
      const text = await res.text();
      if (!res.ok) throw new Error(`${method} ${path}: ${res.status} ${text}`);
      return text ? (JSON.parse(text) as Record<string, unknown>) : {};
    };
    const netns = (workload: string) => new LabAgent(site).netnsOf(app, workload);

    beforeAll(async () => {
      root = await mkdtemp(join(tmpdir(), 'netcanvas-lab-follow-'));
      server = await startTestServer(root);
      ({ url, token } = server);

      const name = `f${randomBytes(3).toString('hex')}`;
      site = new LabSite(
        siteConfig(name, {
          dir: join(root, name),
          nbPort: await freePort(),
          sbPort: await freePort(),
          ovsPort: await freePort(),
          sflowCollector: { host: '127.0.0.1', port: await freePort() },
        }),
      );
      const status = await site.up();
      const registered = await registerSite(
        siteRegistration({
          name: `lab-${name}`,
          nbRemote: status.nbRemote,
          sbRemote: status.sbRemote,
          ovsRemote: status.ovsRemote,
          sflowAgent: site.names.sflowNsIp,
        }),
        { server: url, token },
      );
      controller = registered.id;
      agentProcess = await startFollower(site, {
        server: url,
        token,
        tenant: 'default',
        controllerId: controller,
      });
      await api('POST', '/tenants/default/apps', { app, message: 'first cut' });
    }, 90_000);

    afterAll(async () => {
      await site?.down().catch(() => undefined);
      await server?.stop();
      if (root) await rm(root, { recursive: true, force: true });
    });

    it('an apply through netcanvas brings every workload up, bound in OVN, with no lab sync', async () => {
      expect(await listNamespaces()).not.toContain(netns('web-1'));
      await api('POST', '/tenants/default/apps/shop/apply', { controller });
      const up = await waitFor(
        async () => {
          const present = await listNamespaces();
          return ['web-1', 'web-2', 'app-1', 'app-2', 'db-1'].every((w) =>
            present.includes(netns(w)),
          );
        },
        // five namespaces, one command at a time, and the agent's cold start: slow on a busy machine
        60_000,
        100,
      );
      expect(up, await readFile(join(site.config.dir, 'log', 'agent.log'), 'utf8')).toBe(true);
      const bound = await waitFor(
        async () => (await site.nbctl('lsp-get-up', 'default.shop.db-1.eth0')).trim() === 'up',
        10_000,
        100,
      );
      expect(bound).toBe(true);
    });

    it('a workload deleted from the design and applied loses its namespace', async () => {
      const db = netns('db-1');
      app = { ...app, objects: app.objects.filter((o) => o.id !== 'db-1') };
      await api('GET', '/tenants/default/apps/shop');
      await api(
        'PUT',
        '/tenants/default/apps/shop',
        { app, message: 'no db' },
        { 'if-match': etag },
      );
      await api('POST', '/tenants/default/apps/shop/apply', { controller });
      expect(await waitFor(async () => !(await listNamespaces()).includes(db), 20_000, 100)).toBe(
        true,
      );
      expect(await listNamespaces()).toContain(netns('web-1'));
      expect(await site.vsctl('list-ports', 'br-int')).not.toContain(db);
    });

    it('lab down stops the agent by PID, even mid-sync, and leaves no workload namespace', async () => {
      expect(await isOurs(agentProcess.pid, agentProcess.marker)).toBe(true);
      // db-1 back, and down as soon as the agent starts building it
      const full = templateById('three-tier').build({
        id: 'shop',
        name: 'shop',
        tenant: 'default',
      });
      await api('GET', '/tenants/default/apps/shop');
      await api(
        'PUT',
        '/tenants/default/apps/shop',
        { app: full, message: 'db back' },
        { 'if-match': etag },
      );
      await api('POST', '/tenants/default/apps/shop/apply', { controller });
      const state = join(site.config.dir, 'lab.json');
      await waitFor(async () => (await readFile(state, 'utf8')).includes('"db-1"'), 20_000, 20);
      const report = await site.down();
      expect(report.stopped).toContain(`lab-agent (pid ${agentProcess.pid})`);
      expect(await isOurs(agentProcess.pid, agentProcess.marker)).toBe(false);
      const left = await listNamespaces();
      app = full;
      for (const w of ['web-1', 'web-2', 'app-1', 'app-2', 'db-1']) {
        expect(left).not.toContain(netns(w));
      }
    });
  },
);
