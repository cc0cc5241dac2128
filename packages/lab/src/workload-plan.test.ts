import { templateById } from '@netcanvas/model';
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
});
