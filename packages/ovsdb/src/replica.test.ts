import { readFile } from 'node:fs/promises';
import { describe, expect, it } from 'vitest';
import type * as Nb from './nb.gen.ts';
import { DatabaseReplica } from './replica.ts';
import { parseDatabaseSchema } from './schema.ts';
import type { Uuid, WireRow } from './values.ts';

const schema = parseDatabaseSchema(
  JSON.parse(await readFile('/usr/share/ovn/ovn-nb.ovsschema', 'utf8')),
);
const LS = '11111111-1111-4111-8111-111111111111' as Uuid;
const P1 = '22222222-2222-4222-8222-222222222222';
const P2 = '33333333-3333-4333-8333-333333333333';

describe('DatabaseReplica', () => {
  it('fills defaults on insert and applies update2 diffs to sets, maps and optionals', () => {
    const replica = new DatabaseReplica<Nb.Tables>(schema);
    replica.apply({
      kind: 'initial',
      format: 2,
      updates: {
        Logical_Switch: {
          [LS]: {
            initial: {
              name: 'web',
              ports: ['uuid', P1],
              external_ids: [
                'map',
                [
                  ['a', '1'],
                  ['b', '2'],
                ],
              ],
            },
          },
        },
      },
    });
    expect(replica.rows('Logical_Switch').get(LS)).toMatchObject({
      name: 'web',
      ports: [P1],
      acls: [],
      copp: null,
      external_ids: { a: '1', b: '2' },
    });
    const [change] = replica.apply({
      kind: 'update',
      format: 2,
      updates: {
        Logical_Switch: {
          [LS]: {
            modify: {
              ports: [
                'set',
                [
                  ['uuid', P1],
                  ['uuid', P2],
                ],
              ],
              external_ids: [
                'map',
                [
                  ['a', '1'],
                  ['b', '3'],
                  ['c', '4'],
                ],
              ],
              copp: ['uuid', P1],
            },
          },
        },
      },
    });
    expect(change?.old?.ports).toEqual([P1]);
    expect(replica.rows('Logical_Switch').get(LS)).toMatchObject({
      ports: [P2],
      external_ids: { b: '3', c: '4' },
      copp: P1,
    });
  });

  it('replaces optional scalars: ovsdb-server sends their new value, not a toggle', () => {
    const replica = new DatabaseReplica<Nb.Tables>(schema);
    const modify = (row: WireRow) =>
      replica.apply({
        kind: 'update',
        format: 2,
        updates: { Logical_Switch_Port: { [P1]: { modify: row } } },
      });
    replica.apply({
      kind: 'initial',
      format: 2,
      updates: { Logical_Switch_Port: { [P1]: { initial: { name: 'p', up: false, tag: 7 } } } },
    });
    modify({ up: true, tag: 8 });
    expect(replica.rows('Logical_Switch_Port').get(P1 as Uuid)).toMatchObject({ up: true, tag: 8 });
    modify({ up: ['set', []], tag: ['set', []] });
    expect(replica.rows('Logical_Switch_Port').get(P1 as Uuid)).toMatchObject({
      up: null,
      tag: null,
    });
  });

  it('reports only real differences on a resync', () => {
    const replica = new DatabaseReplica<Nb.Tables>(schema);
    const row = (name: string) => ({ initial: { name } });
    replica.apply({
      kind: 'initial',
      format: 2,
      updates: { Logical_Switch: { [P1]: row('same'), [P2]: row('gone') } },
    });
    const changes = replica.apply({
      kind: 'resync',
      format: 2,
      updates: { Logical_Switch: { [P1]: row('same'), [LS]: row('new') } },
    });
    expect(changes.map((c) => [c.uuid, c.old?.name, c.new?.name])).toEqual([
      [LS, undefined, 'new'],
      [P2, 'gone', undefined],
    ]);
  });
});
