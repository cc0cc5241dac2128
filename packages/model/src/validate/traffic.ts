import type { Diagnostic } from '../diagnostics.ts';
import { type Check, error } from './context.ts';

/** A workload's traffic profile aims at another workload of the app that has an address. */
export const checkTraffic: Check = ({ index, addr }) => {
  const out: Diagnostic[] = [];
  for (const w of index.all('workload')) {
    const profile = w.traffic;
    if (!profile || profile.kind === 'http-server') continue;
    const path = ['traffic', 'target'];
    const bad = (message: string) => out.push(error(w.id, path, 'traffic-target', message));
    const target = index.get(profile.target);
    if (!target) {
      bad(
        `${w.name}'s ${profile.kind} traffic aims at "${profile.target}", which is not in this app; pick one of its workloads`,
      );
    } else if (target.kind !== 'workload') {
      bad(
        `${w.name}'s ${profile.kind} traffic aims at ${target.name}, a ${target.kind}; pick a workload`,
      );
    } else if (target.id === w.id) {
      bad(`${w.name}'s ${profile.kind} traffic aims at itself; pick another workload`);
    } else if (!addr.primaryIp(target)) {
      bad(
        `${w.name}'s ${profile.kind} traffic aims at ${target.name}, which has no address; connect it to a switch with a subnet`,
      );
    }
  }
  return out;
};
