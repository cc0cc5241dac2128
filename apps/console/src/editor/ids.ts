import type { Application, ObjectKind } from '@netcanvas/model';

const PREFIX: Record<ObjectKind, string> = {
  switch: 'switch',
  router: 'router',
  workload: 'workload',
  loadBalancer: 'lb',
  group: 'group',
  firewall: 'firewall',
  qos: 'qos',
  uplink: 'uplink',
};

/** The first `<kind>-<n>` not used by the design nor in `taken`. */
export function nextId(
  doc: Application,
  kind: ObjectKind,
  taken: ReadonlySet<string> = new Set(),
): string {
  const used = new Set(doc.objects.map((o) => o.id));
  for (let n = 1; ; n++) {
    const id = `${PREFIX[kind]}-${n}`;
    if (!used.has(id) && !taken.has(id)) return id;
  }
}

/** `base`, or `base-2`, `base-3`… whichever no object is called yet. */
export function uniqueName(
  doc: Application,
  base: string,
  taken: ReadonlySet<string> = new Set(),
): string {
  const used = new Set(doc.objects.map((o) => o.name));
  if (!used.has(base) && !taken.has(base)) return base;
  const stem = base.replace(/-\d+$/, '');
  for (let n = 2; ; n++) {
    const name = `${stem}-${n}`;
    if (!used.has(name) && !taken.has(name)) return name;
  }
}
