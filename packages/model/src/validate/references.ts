import type { Diagnostic } from '../diagnostics.ts';
import type { ObjectKind } from '../schema/types.ts';
import { type Check, error } from './context.ts';

/** Every id an object names must be an object of an expected kind. */
export const checkReferences: Check = ({ index }) => {
  const out: Diagnostic[] = [];
  const ref = (
    from: string,
    path: (string | number)[],
    id: string,
    kinds: ObjectKind[],
    what: string,
  ) => {
    const target = index.get(id);
    if (!target) {
      out.push(
        error(
          from,
          path,
          'dangling-reference',
          `${what} "${id}" does not exist; pick an existing ${kinds.join(' or ')} or remove the reference`,
        ),
      );
    } else if (!kinds.includes(target.kind)) {
      out.push(
        error(
          from,
          path,
          'reference-wrong-kind',
          `${what} "${id}" is a ${target.kind}, not a ${kinds.join(' or ')}`,
        ),
      );
    }
  };
  for (const obj of index.app.objects) {
    switch (obj.kind) {
      case 'switch':
        if (obj.uplink !== undefined) ref(obj.id, ['uplink'], obj.uplink, ['uplink'], 'uplink');
        break;
      case 'router':
        obj.interfaces.forEach((itf, i) => {
          ref(obj.id, ['interfaces', i, 'switch'], itf.switch, ['switch'], 'switch');
        });
        if (obj.gateway)
          ref(obj.id, ['gateway', 'uplink'], obj.gateway.uplink, ['uplink'], 'uplink');
        obj.nat.forEach((n, i) => {
          if (n.workload !== undefined)
            ref(obj.id, ['nat', i, 'workload'], n.workload, ['workload'], 'workload');
        });
        break;
      case 'workload':
        obj.nics.forEach((nic, i) => {
          ref(obj.id, ['nics', i, 'switch'], nic.switch, ['switch'], 'switch');
        });
        break;
      case 'loadBalancer':
        obj.attachedTo.forEach((id, i) => {
          ref(obj.id, ['attachedTo', i], id, ['switch', 'router'], 'attachment');
        });
        obj.vips.forEach((vip, v) => {
          vip.backends.forEach((b, i) => {
            if (b.workload === undefined) return;
            ref(
              obj.id,
              ['vips', v, 'backends', i, 'workload'],
              b.workload,
              ['workload'],
              'backend',
            );
          });
        });
        break;
      case 'qos':
        obj.appliesTo.forEach((id, i) => {
          ref(obj.id, ['appliesTo', i], id, ['workload', 'switch'], 'target');
        });
        break;
      case 'firewall':
        (obj.appliesTo ?? []).forEach((id, i) => {
          ref(obj.id, ['appliesTo', i], id, ['switch'], 'switch');
        });
        obj.rules.forEach((rule, r) => {
          for (const side of ['from', 'to'] as const) {
            const ep = rule[side];
            if (ep === 'any' || !('group' in ep)) continue;
            const g = index.get(ep.group);
            if (g?.kind !== 'group') {
              out.push(
                error(
                  obj.id,
                  ['rules', r, side, 'group'],
                  'unknown-group',
                  `rule ${rule.name ?? rule.id} names group "${ep.group}" in "${side}", which is ${g ? `a ${g.kind}, not a group` : 'not defined'}; create the group or pick another`,
                ),
              );
            }
          }
        });
        break;
      default:
        break;
    }
  }
  return out;
};
