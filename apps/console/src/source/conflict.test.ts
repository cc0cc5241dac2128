import { type Application, templateById } from '@netcanvas/model';
import { describe, expect, it } from 'vitest';
import { changeText, fieldPath, summarizeChanges } from './conflict.ts';

const shop = (): Application =>
  templateById('three-tier').build({ id: 'shop', name: 'Shop', tenant: 'acme' });

describe('what changed between two versions', () => {
  it('names objects added, removed and changed, with the changed fields', () => {
    const before = shop();
    const after: Application = {
      ...before,
      objects: [
        ...before.objects
          .filter((o) => o.id !== 'db-1')
          .map((o) =>
            o.id === 'ls-web' && o.kind === 'switch' ? { ...o, subnet: '10.9.0.0/24' } : o,
          ),
        { kind: 'switch', id: 'ls-mgmt', name: 'mgmt', subnet: '10.50.0.0/24' },
      ],
    };
    const text = summarizeChanges(before, after).map(changeText);
    expect(text).toContain('added switch mgmt');
    expect(text).toContain('removed workload db-1');
    expect(text).toContain('changed switch web (subnet)');
    expect(text).toHaveLength(3);
  });

  it('tells a rename and a layout-only move apart from network changes', () => {
    const before = shop();
    const after: Application = {
      ...before,
      name: 'Shop EU',
      layout: {
        ...before.layout,
        positions: { ...before.layout.positions, 'ls-web': { x: 1, y: 2 } },
      },
    };
    expect(summarizeChanges(before, after).map(changeText)).toEqual([
      'changed application name (Shop → Shop EU)',
      'changed canvas layout (positions)',
    ]);
  });

  it('says nothing when nothing changed', () => {
    expect(summarizeChanges(shop(), shop())).toEqual([]);
  });

  it('writes field paths the way an engineer reads them', () => {
    expect(fieldPath(['interfaces', 1, 'ip'])).toBe('interfaces[1].ip');
    expect(fieldPath(['nat'])).toBe('nat');
    expect(fieldPath([])).toBe('(whole object)');
  });
});
