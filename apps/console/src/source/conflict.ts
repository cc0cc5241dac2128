import { type Application, deepEqual, type FieldChange, plan } from '@netcanvas/model';

/** One line of "what changed" between two versions, for a person to read. */
export interface ChangeLine {
  readonly op: 'added' | 'removed' | 'changed';
  /** e.g. "switch web-ls" */
  readonly subject: string;
  /** the changed fields of a changed object, e.g. ["subnet", "ports[1].ip"] */
  readonly fields: readonly string[];
}

const KIND_WORD: Record<string, string> = {
  switch: 'switch',
  router: 'router',
  workload: 'workload',
  uplink: 'uplink',
  group: 'group',
  loadBalancer: 'load balancer',
  firewall: 'firewall',
  qos: 'QoS rule',
};

/** `ports[1].ip`, `nat`: a field path as an engineer reads it. */
export function fieldPath(path: FieldChange['path']): string {
  let out = '';
  for (const p of path) out += typeof p === 'number' ? `[${p}]` : out ? `.${p}` : p;
  return out || '(whole object)';
}

/**
 * What changed from `before` to `after`: objects added, removed and changed (with
 * their fields, from the model's plan), then the name and the canvas layout.
 */
export function summarizeChanges(before: Application, after: Application): ChangeLine[] {
  const lines: ChangeLine[] = plan(before, after).map((c) => {
    const subject = `${KIND_WORD[c.kind] ?? c.kind} ${c.name}`;
    if (c.op === 'create') return { op: 'added', subject, fields: [] };
    if (c.op === 'delete') return { op: 'removed', subject, fields: [] };
    return { op: 'changed', subject, fields: [...new Set(c.fields.map((f) => fieldPath(f.path)))] };
  });
  if (before.name !== after.name) {
    lines.push({
      op: 'changed',
      subject: 'application name',
      fields: [`${before.name} → ${after.name}`],
    });
  }
  if (!deepEqual(before.layout, after.layout)) {
    lines.push({ op: 'changed', subject: 'canvas layout', fields: ['positions'] });
  }
  return lines;
}

/** "added switch web-ls", "changed router edge (nat, ports[1].ip)": one line as text. */
export function changeText(line: ChangeLine): string {
  const fields = line.fields.length ? ` (${line.fields.join(', ')})` : '';
  return `${line.op} ${line.subject}${fields}`;
}
