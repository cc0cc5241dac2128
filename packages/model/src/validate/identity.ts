import type { Diagnostic } from '../diagnostics.ts';
import { type Check, error } from './context.ts';

const KIND_LABEL: Record<string, string> = {
  switch: 'switch',
  router: 'router',
  workload: 'workload',
  loadBalancer: 'load balancer',
  group: 'group',
  firewall: 'firewall policy',
  qos: 'QoS policy',
  uplink: 'uplink',
};

/** Object ids are unique in the app; names are unique per kind (OVN keeps them as names). */
export const checkIdentity: Check = ({ index }) => {
  const out: Diagnostic[] = [];
  const ids = new Set<string>();
  const names = new Map<string, string>();
  index.app.objects.forEach((obj, i) => {
    if (ids.has(obj.id)) {
      out.push(
        error(
          obj.id,
          ['id'],
          'duplicate-id',
          `id "${obj.id}" is used by more than one object (objects[${i}]); give each object its own id`,
        ),
      );
    }
    ids.add(obj.id);
    const key = `${obj.kind}/${obj.name.toLowerCase()}`;
    const first = names.get(key);
    if (first !== undefined) {
      out.push(
        error(
          obj.id,
          ['name'],
          'duplicate-name',
          `another ${KIND_LABEL[obj.kind]} (${first}) is already named "${obj.name}"; rename one of them`,
        ),
      );
    } else names.set(key, obj.id);
    if (obj.kind === 'workload') {
      const nicIds = new Set<string>();
      obj.nics.forEach((nic, n) => {
        if (nicIds.has(nic.id)) {
          out.push(
            error(
              obj.id,
              ['nics', n, 'id'],
              'duplicate-id',
              `${obj.name} has two NICs with id "${nic.id}"`,
            ),
          );
        }
        nicIds.add(nic.id);
      });
    }
    if (obj.kind === 'firewall') {
      const ruleIds = new Set<string>();
      obj.rules.forEach((rule, r) => {
        if (ruleIds.has(rule.id)) {
          out.push(
            error(
              obj.id,
              ['rules', r, 'id'],
              'duplicate-id',
              `${obj.name} has two rules with id "${rule.id}"`,
            ),
          );
        }
        ruleIds.add(rule.id);
      });
    }
  });
  return out;
};
