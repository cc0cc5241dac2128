import { rmSync } from 'node:fs';
import type { Application } from '@netcanvas/model';
import { SandboxController } from '@netcanvas/sandbox';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { SqliteSandboxStore } from '../live/sandbox-store.ts';
import { sandboxSite } from '../live/wire.ts';
import type { ApplyStart } from '../store/applies-in-flight.ts';
import { Store } from '../store/store.ts';
import { tempDataDir } from '../test-server.ts';
import { threeTier } from '../test-world.ts';
import { ControllerRegistry } from './registry.ts';
import { reconcileUnfinishedApplies } from './unfinished-applies.ts';

const quiet = { info: () => undefined, warn: () => undefined };
const author = { userId: undefined, name: 'oscar' };

describe('applies a killed server left unfinished, settled at the next start', () => {
  let dir: string;
  let store: Store;
  let sandbox: SandboxController;
  let registry: ControllerRegistry;
  let controllerId: number;
  const v1 = threeTier();
  const v2: Application = { ...v1, description: 'v2', objects: v1.objects.slice(0, -1) };
  const v3: Application = { ...v1, description: 'v3', objects: v1.objects.slice(0, -2) };

  beforeEach(() => {
    dir = tempDataDir();
    store = Store.open(dir);
    store.tenants.create('acme', 'Acme');
    controllerId = store.controllers.create('acme', 'sb', 'sandbox', null)?.id ?? 0;
    store.apps.create('acme', v1, author, 'v1');
    store.apps.save('acme', 'shop', 1, v2, author, 'v2');
    store.apps.save('acme', 'shop', 2, v3, author, 'v3');
    sandbox = new SandboxController({ store: new SqliteSandboxStore(store.db), driftPollMs: 0 });
    registry = new ControllerRegistry({ sandbox: async () => sandboxSite(sandbox) });
    store.deployments.record('acme', 'shop', controllerId, 1, 'oscar');
  });
  afterEach(async () => {
    await registry.close();
    store.close();
    rmSync(dir, { recursive: true, force: true });
  });

  /** What commitPlan writes before the commit: apply version 2, the controller at version 1. */
  const started = (over: Partial<ApplyStart> = {}) =>
    store.appliesInFlight.start({
      tenantId: 'acme',
      appId: 'shop',
      version: 2,
      controllerId,
      previousVersion: 1,
      actor: 'oscar',
      action: 'apply',
      planId: 'p-1',
      changes: 1,
      design: v2,
      detail: {},
      ...over,
    });
  const holding = async (design: Application) => sandbox.commit(await sandbox.plan(design));
  const lastAudit = () => store.audit.list('acme', { appId: 'shop', limit: 1 })[0];
  const deployed = () => store.deployments.forApp('acme', 'shop')[0]?.version;

  it('records the apply as deployed when the controller holds the started design', async () => {
    await holding(v2);
    started();
    const [settled] = await reconcileUnfinishedApplies(store, registry, quiet);
    expect(settled?.outcome).toBe('committed-before-restart');
    expect(deployed()).toBe(2);
    expect(lastAudit()).toMatchObject({
      action: 'apply',
      actor: 'oscar',
      version: 2,
      result: 'ok',
      detail: { outcome: 'committed-before-restart', planId: 'p-1', previousVersion: 1 },
    });
    expect(store.appliesInFlight.unfinished()).toEqual([]);
  });

  it('records it as not applied when the controller still holds the previous version', async () => {
    await holding(v1);
    started();
    await reconcileUnfinishedApplies(store, registry, quiet);
    expect(deployed()).toBe(1);
    expect(lastAudit()).toMatchObject({ result: 'failed', detail: { outcome: 'not-applied' } });
  });

  it('records unknown, and leaves the deployment alone, when it holds neither', async () => {
    await holding(v3);
    started({ action: 'restore', detail: { snapshotId: 's-1' } });
    await reconcileUnfinishedApplies(store, registry, quiet);
    expect(deployed()).toBe(1);
    expect(lastAudit()).toMatchObject({
      action: 'restore',
      result: 'unknown',
      detail: { outcome: 'unknown', snapshotId: 's-1' },
    });
  });

  it('keeps the apply unfinished when its controller does not answer, for the next start', async () => {
    const ovn = store.controllers.create('acme', 'lab', 'ovn', 'tcp:127.0.0.1:1')?.id ?? 0;
    started({ controllerId: ovn, previousVersion: undefined });
    const silent = new ControllerRegistry({
      ovn: () => new Promise(() => undefined),
    });
    expect(await reconcileUnfinishedApplies(store, silent, quiet, 200)).toEqual([]);
    expect(store.appliesInFlight.unfinished()).toHaveLength(1);
    expect(store.audit.list('acme', { limit: 10 })).toEqual([]);
  });
});
