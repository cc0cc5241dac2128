import { type Application, plan, templateById } from '@netcanvas/model';
import { describe, expect, it } from 'vitest';
import { toCanvas } from '../canvas/coords.ts';
import { buildDiffOverlay } from './diff-overlay.ts';
import type { DiffResponse, SnapshotMeta } from './types.ts';

const snapApp = templateById('three-tier').build({ id: 'shop', name: 'shop', tenant: 'acme' });
const meta = { id: 'ab'.repeat(32), createdAt: '2026-11-24T10:00:00Z', createdBy: 'olga' };

/** the diff route's answer: snapshot → now, per object */
function diffOf(now: Application): DiffResponse {
  const changes = plan(snapApp, now).map((c) => ({
    op: c.op === 'create' ? ('insert' as const) : c.op,
    objectId: c.id,
    kind: c.kind,
    name: c.name,
    ...(c.op === 'update' ? { fields: c.fields } : {}),
  }));
  return {
    from: meta.id,
    to: 'live:sandbox',
    summary: { insert: 0, update: 0, delete: 0 },
    changes,
  };
}

/** web-2 deleted, app-1 moved to another address, a new db-2 */
const now: Application = {
  ...snapApp,
  objects: [
    ...snapApp.objects
      .filter((o) => o.id !== 'web-2')
      .map((o) =>
        o.kind === 'workload' && o.id === 'app-1'
          ? { ...o, nics: o.nics.map((n) => ({ ...n, ip: '10.0.2.99' })) }
          : o,
      ),
    {
      id: 'db-2',
      name: 'db-2',
      kind: 'workload',
      workloadType: 'vm',
      tags: ['tier=db'],
      nics: [{ id: 'eth0', switch: 'ls-db', ip: '10.0.3.12' }],
    },
  ],
};

describe('a snapshot diff laid over the canvas', () => {
  const overlay = buildDiffOverlay(
    {
      tenant: 'acme',
      appId: 'shop',
      meta: meta as SnapshotMeta,
      against: 'live on sandbox',
      doc: now,
    },
    diffOf(now),
    snapApp,
  );

  it('marks added objects, and changed ones with the fields that changed', () => {
    expect(overlay.marks.get('db-2')).toEqual({ op: 'added', fields: [] });
    expect(overlay.marks.get('app-1')?.op).toBe('changed');
    expect(overlay.marks.get('app-1')?.fields.join()).toContain('nics');
    expect(overlay.marks.has('web-1')).toBe(false);
  });

  it('draws a removed object as a ghost where the snapshot had it, which cannot be picked', () => {
    expect(overlay.marks.get('web-2')?.op).toBe('removed');
    expect(overlay.ghosts.map((g) => g.id)).toEqual(['web-2']);
    const ghost = overlay.ghosts[0];
    const at = snapApp.layout.positions['web-2'];
    expect(at).toBeDefined();
    expect(ghost?.position).toEqual(toCanvas(at ?? { x: 0, y: 0 }));
    expect(ghost?.data.object.name).toBe('web-2');
    expect(ghost?.selectable).toBe(false);
    expect(ghost?.draggable).toBe(false);
  });

  it('draws no ghost for a removed object the editor still has: that node is marked instead', () => {
    const stillDrawn = buildDiffOverlay(
      { tenant: 'acme', appId: 'shop', meta: meta as SnapshotMeta, against: 'x', doc: snapApp },
      diffOf(now),
      snapApp,
    );
    expect(stillDrawn.marks.get('web-2')?.op).toBe('removed');
    expect(stillDrawn.ghosts).toEqual([]);
  });
});
