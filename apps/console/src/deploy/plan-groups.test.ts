import { templateById } from '@netcanvas/model';
import { describe, expect, it } from 'vitest';
import { describeRow, groupPlan } from './plan-groups.ts';
import type { PlannedChange } from './types.ts';

const app = templateById('three-tier').build({ id: 'shop', name: 'shop', tenant: 'acme' });
const describe_ = (id: string) => {
  const o = app.objects.find((x) => x.id === id);
  return o && { name: o.name, kind: o.kind };
};

const row = (
  op: PlannedChange['op'],
  objectId: string,
  key: string,
  table: string,
  columns?: string[],
): PlannedChange => ({ op, objectId, key, table, ...(columns ? { columns } : {}) });

describe('plan grouped by design object', () => {
  const changes = [
    row('insert', 'ls-web', 'ls/ls-web', 'Logical_Switch'),
    row('insert', 'web-1', 'lsp/web-1/eth0', 'Logical_Switch_Port'),
    row('update', 'ls-web', 'ls/ls-web', 'Logical_Switch', ['other_config']),
    row('delete', 'gone', 'lsp/gone/eth0', 'Logical_Switch_Port'),
    row('insert', 'web-1', 'pg/web-1', 'Port_Group'),
  ];

  it('keeps one group per object in the order the plan names them, with its rows', () => {
    const groups = groupPlan(changes, describe_);
    expect(groups.map((g) => g.objectId)).toEqual(['ls-web', 'web-1', 'gone']);
    expect(groups[1]?.rows.map((r) => r.key)).toEqual(['lsp/web-1/eth0', 'pg/web-1']);
  });

  it('names each object and says what happens to it as a whole', () => {
    const [sw, web, gone] = groupPlan(changes, describe_);
    expect(sw).toMatchObject({ name: 'web', kind: 'switch', verb: 'change' });
    expect(sw?.counts).toEqual({ insert: 1, update: 1, delete: 0 });
    expect(web).toMatchObject({ name: 'web-1', kind: 'workload', verb: 'create' });
    // an object the design no longer has keeps its id as its name
    expect(gone).toMatchObject({ name: 'gone', kind: undefined, verb: 'delete' });
  });

  it('an empty plan has no groups', () => {
    expect(groupPlan([], describe_)).toEqual([]);
  });

  it('reads a row as created, changed with its columns, or deleted', () => {
    expect(changes.map(describeRow)).toEqual([
      'created',
      'created',
      'changed: other_config',
      'deleted',
      'created',
    ]);
  });
});
