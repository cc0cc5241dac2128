import { templateById } from '@netcanvas/model';
import { SandboxController } from '@netcanvas/sandbox';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { FlowEntry, PortLoad } from '../stream/index.ts';
import { applyChanges } from '../stream/keyed-diff.ts';
import { type StreamFixture, startStreamServer, TestClient } from '../stream/test-support.ts';
import { type SandboxTelemetry, startSandboxTelemetry } from './sandbox-telemetry.ts';

/** Folds snapshot and delta frames of one topic into its current state. */
async function stateOf<V>(
  client: TestClient,
  topic: string,
  until: (state: Record<string, V>) => boolean,
  timeoutMs = 15_000,
) {
  let state: Record<string, V> = {};
  const deadline = Date.now() + timeoutMs;
  while (Date.now() < deadline) {
    const m = await client.next(deadline - Date.now());
    if (!('topic' in m) || m.topic !== topic) continue;
    if (m.type === 'snapshot') state = m.state as Record<string, V>;
    if (m.type === 'delta') state = applyChanges(state, m.changes) as Record<string, V>;
    if (until(state)) return state;
  }
  throw new Error(`${topic} never reached the expected state`);
}

describe('sandbox telemetry on the stream', { timeout: 30_000 }, () => {
  let fixture: StreamFixture;
  let sandbox: SandboxController;
  let telemetry: SandboxTelemetry;

  beforeAll(async () => {
    fixture = await startStreamServer({ rateHz: 10 });
    fixture.hub.start();
    sandbox = new SandboxController();
    await sandbox.commit(
      await sandbox.plan(
        templateById('three-tier').build({ id: 'shop', name: 'shop', tenant: 'acme' }),
      ),
    );
    telemetry = await startSandboxTelemetry({
      hub: fixture.hub,
      sandbox,
      collectorPort: 0,
      intervalMs: 200,
    });
  });
  afterAll(async () => {
    await telemetry?.close();
    await sandbox?.close();
    await fixture?.close();
  });

  it('streams live port rates and the permitted flows of an applied app, resolved to workloads', async () => {
    const client = await TestClient.open(fixture.url, 'alice');
    client.send({ type: 'subscribe', topic: 'app/acme/shop/ports' });
    const ports = await stateOf<PortLoad>(client, 'app/acme/shop/ports', (s) =>
      ['web-1', 'app-1', 'db-1'].every((w) =>
        Object.values(s).some((p) => p.objectId === w && (p.inBps ?? 0) > 0),
      ),
    );
    expect(Object.values(ports).every((p) => p.up)).toBe(true);

    client.send({ type: 'subscribe', topic: 'app/acme/shop/flows' });
    const flows = await stateOf<FlowEntry>(client, 'app/acme/shop/flows', (s) =>
      Object.values(s).some(
        (f) =>
          f.srcEndpoint?.objectId.startsWith('web') &&
          f.dstEndpoint?.objectId.startsWith('app') &&
          f.dstPort === 8080,
      ),
    );
    const pair = (f: FlowEntry) =>
      `${f.srcEndpoint?.objectId ?? f.src}→${f.dstEndpoint?.objectId ?? f.dst}:${f.dstPort}`;
    const pairs = Object.values(flows)
      .filter((f) => !f.dropped)
      .map(pair);
    expect(pairs.some((p) => /^app-\d→db-1:5432$/.test(p))).toBe(true);
    expect(
      pairs.some((p) => /^web-\d→db-1/.test(p)),
      pairs.join(', '),
    ).toBe(false);
    // what the policy denies shows up only as dropped attempts
    const dropped = await stateOf<FlowEntry>(client, 'app/acme/shop/flows', (s) =>
      Object.values(s).some((f) => f.dropped),
    );
    for (const f of Object.values(dropped).filter((x) => x.dropped)) {
      expect(pair(f)).toMatch(/^web-\d→db-1:5432$/);
      expect(f.dropped).toEqual({ reason: 258 });
    }
    await client.close();
  });

  it('refuses another tenant the app topics', async () => {
    const client = await TestClient.open(fixture.url, 'alice');
    client.send({ type: 'subscribe', topic: 'app/globex/shop/ports' });
    const m = await client.next();
    expect(m).toMatchObject({ type: 'error', code: 'forbidden' });
    await client.close();
  });
});
