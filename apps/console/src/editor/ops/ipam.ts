import { type Application, allocateAddresses } from '@netcanvas/model';

/**
 * Writes IPAM's choice into the NICs and router interfaces of these objects only, so
 * new ports get addresses that then stay put while the rest of the design is untouched.
 */
export function allocateFor(doc: Application, ids: ReadonlySet<string>): Application {
  const allocated = allocateAddresses(doc);
  const byId = new Map(allocated.objects.map((o) => [o.id, o]));
  return {
    ...doc,
    objects: doc.objects.map((o) => (ids.has(o.id) ? (byId.get(o.id) ?? o) : o)),
  };
}
