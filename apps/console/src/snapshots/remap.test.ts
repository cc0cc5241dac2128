import { templateById } from '@netcanvas/model';
import { describe, expect, it } from 'vitest';
import { EMPTY_REMAP, parseRemap, remapCandidates } from './remap.ts';

describe('the DR remap form', () => {
  it('reads "from = to" lines per kind and leaves out empty kinds', () => {
    const parsed = parseRemap({
      ...EMPTY_REMAP,
      physicalNetworks: 'physnet-a = physnet-b\n\n# comment\ndc1 -> dc2',
      externalIps: '203.0.113.10 → 198.51.100.10',
    });
    expect(parsed).toEqual({
      remap: {
        physicalNetworks: { 'physnet-a': 'physnet-b', dc1: 'dc2' },
        externalIps: { '203.0.113.10': '198.51.100.10' },
      },
    });
    expect(parseRemap(EMPTY_REMAP)).toEqual({ remap: undefined });
  });

  it('names the line that is not a mapping, or maps a name twice', () => {
    expect(parseRemap({ ...EMPTY_REMAP, gatewayChassis: 'ok = fine\nchassis-1' })).toEqual({
      error: 'gateway chassis line 2: write "this-site = other-site"',
    });
    expect(parseRemap({ ...EMPTY_REMAP, physicalNetworks: 'a = b\na = c' })).toEqual({
      error: 'physical network line 2: a is mapped twice',
    });
  });

  it("prefills the snapshot's uplink networks as lines to edit", () => {
    const app = templateById('three-tier').build({ id: 'shop', name: 'shop', tenant: 'acme' });
    const uplinks = app.objects.filter((o) => o.kind === 'uplink');
    expect(uplinks.length).toBeGreaterThan(0);
    const text = remapCandidates(app);
    for (const u of uplinks)
      if (u.kind === 'uplink')
        expect(text.physicalNetworks).toContain(`${u.physicalNetwork} = ${u.physicalNetwork}`);
    expect(parseRemap(text)).not.toHaveProperty('error');
  });
});
