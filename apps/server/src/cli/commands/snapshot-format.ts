import type { Change } from '@netcanvas/model';

const show = (v: unknown) => (v === undefined ? '(none)' : JSON.stringify(v));

/** A plan or snapshot diff as readable lines: one block per object, one line per changed field. */
export function formatChanges(changes: readonly Change[]): string {
  if (changes.length === 0) return 'no differences\n';
  const lines: string[] = [];
  for (const c of changes) {
    if (c.op === 'create') lines.push(`+ ${c.kind} ${c.name} (${c.id})`);
    else if (c.op === 'delete') lines.push(`- ${c.kind} ${c.name} (${c.id})`);
    else {
      lines.push(`~ ${c.kind} ${c.name} (${c.id})`);
      for (const f of c.fields)
        lines.push(`    ${f.path.join('.') || '(object)'}: ${show(f.before)} → ${show(f.after)}`);
    }
  }
  const n = (op: Change['op']) => changes.filter((c) => c.op === op).length;
  lines.push(`${n('create')} to create, ${n('update')} to change, ${n('delete')} to delete`);
  return `${lines.join('\n')}\n`;
}
