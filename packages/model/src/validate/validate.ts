import { Addressing } from '../addressing.ts';
import { AppIndex } from '../app-index.ts';
import type { Diagnostic } from '../diagnostics.ts';
import { resolveAddresses } from '../ipam.ts';
import type { Application } from '../schema/types.ts';
import { checkHostAddresses, checkSubnets } from './addresses.ts';
import type { Check } from './context.ts';
import { checkFirewall } from './firewall.ts';
import { checkIdentity } from './identity.ts';
import { checkLoadBalancers } from './load-balancers.ts';
import { checkReferences } from './references.ts';
import { checkRouters } from './routers.ts';
import { checkTraffic } from './traffic.ts';

const CHECKS: readonly Check[] = [
  checkIdentity,
  checkReferences,
  checkSubnets,
  checkHostAddresses,
  checkRouters,
  checkLoadBalancers,
  checkFirewall,
  checkTraffic,
];

/**
 * Every semantic problem of an application, errors first. The same function badges
 * nodes in the browser and makes the server refuse to apply. Expects a parsed
 * application (see `parseApplication`).
 */
export function validate(app: Application): Diagnostic[] {
  const index = new AppIndex(app);
  const ctx = { index, addr: new Addressing(index, resolveAddresses(app)) };
  const rank = { error: 0, warning: 1, info: 2 } as const;
  return CHECKS.flatMap((check) => check(ctx)).sort((a, b) => rank[a.severity] - rank[b.severity]);
}
