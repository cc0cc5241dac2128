import { type Application, type TrafficProfile, templateById } from '@netcanvas/model';
import { describe, expect, it } from 'vitest';
import { planWorkloads } from './workload-plan.ts';

const app = templateById('three-tier').build({ id: 'shop', name: 'shop', tenant: 'acme' });

describe('planWorkloads', () => {
  it('gives each workload a namespace and each NIC the iface-id the driver applied', () => {
    const plan = planWorkloads(app, 'a');
    expect(plan.map((w) => w.workloadId)).toEqual(['web-1', 'web-2', 'app-1', 'app-2', 'db-1']);
    const web1 = plan[0]!;
    expect(web1.netns).toMatch(/^nc-[0-9a-f]{8}$/);
    expect(web1.nics).toEqual([
      expect.objectContaining({
        lsp: 'acme.shop.web-1.eth0',
        device: 'eth0',
        ipv4: '10.0.1.11/24',
        gateway: '10.0.1.1',
        mac: expect.stringMatching(/^([0-9a-f]{2}:){5}[0-9a-f]{2}$/),
      }),
    ]);
    expect(web1.nics[0]!.hostDevice.length).toBeLessThanOrEqual(15);
    expect(plan.find((w) => w.workloadId === 'db-1')?.nics[0]?.gateway).toBe('10.0.3.1');
  });

  it('names namespaces per site, so two sites can run the same app', () => {
    const a = planWorkloads(app, 'a').map((w) => w.netns);
    const b = planWorkloads(app, 'b').map((w) => w.netns);
    expect(new Set([...a, ...b]).size).toBe(10);
  });

  it('runs the profile chosen in the editor, its target resolved to that workload’s address', () => {
    const traffic: Record<string, TrafficProfile> = {
      'app-1': { kind: 'http-server', port: 8080 },
      'web-1': { kind: 'http-client', target: 'app-1', port: 8080, everyMs: 500 },
      'web-2': {
        kind: 'udp-stream',
        target: 'app-2',
        port: 9000,
        packetsPerSecond: 250,
        size: 512,
      },
      'app-2': { kind: 'ping', target: 'db-1', everyMs: 200 },
    };
    const chosen: Application = {
      ...app,
      objects: app.objects.map((o) =>
        o.kind === 'workload' && traffic[o.id] ? { ...o, traffic: traffic[o.id] } : o,
      ),
    };
    const plan = new Map(planWorkloads(chosen, 'a').map((w) => [w.workloadId, w]));
    expect(plan.get('app-1')?.traffic).toEqual({ kind: 'http-server', port: 8080 });
    expect(plan.get('web-1')?.traffic).toEqual({
      kind: 'http-client',
      url: 'http://10.0.2.11:8080/',
      everyMs: 500,
    });
    expect(plan.get('web-2')?.traffic).toEqual({
      kind: 'udp-stream',
      target: '10.0.2.12',
      port: 9000,
      packetsPerSecond: 250,
      size: 512,
    });
    expect(plan.get('app-2')?.traffic).toEqual({ kind: 'ping', target: '10.0.3.11', everyMs: 200 });
    expect(plan.get('db-1')?.traffic).toBeUndefined();
    // a traffic change alone does not rebuild the namespace
    expect(plan.get('web-1')?.signature).toBe(
      planWorkloads(app, 'a').find((w) => w.workloadId === 'web-1')?.signature,
    );
  });
});
