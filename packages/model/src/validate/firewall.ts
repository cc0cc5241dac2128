import type { Diagnostic } from '../diagnostics.ts';
import { orderedRules, type PlacedRule, parsePortRange } from '../firewall.ts';
import { type Cidr, cidrCovers, parseCidr } from '../net/ip.ts';
import type { Endpoint, Service } from '../schema/types.ts';
import { type Check, error, warning } from './context.ts';

/** Parses each CIDR text once: the shadow check compares every pair of rules. */
type CidrOf = (text: string) => Cidr | undefined;

function cidrCache(): CidrOf {
  const parsed = new Map<string, Cidr | undefined>();
  return (text) => {
    if (!parsed.has(text)) parsed.set(text, parseCidr(text, false));
    return parsed.get(text);
  };
}

function endpointCovers(outer: Endpoint, inner: Endpoint, cidrOf: CidrOf): boolean {
  if (outer === 'any') return true;
  if (inner === 'any') return false;
  if ('group' in outer) return 'group' in inner && inner.group === outer.group;
  if (!('cidr' in inner)) return false;
  const a = cidrOf(outer.cidr);
  const b = cidrOf(inner.cidr);
  return a !== undefined && b !== undefined && cidrCovers(a, b);
}

function serviceCovers(outer: Service, inner: Service): boolean {
  if (outer.protocol !== inner.protocol) return false;
  if (outer.ports === undefined || inner.protocol === 'icmp') return true;
  if (inner.ports === undefined) return false;
  const a = parsePortRange(outer.ports);
  const b = parsePortRange(inner.ports);
  return a !== undefined && b !== undefined && a.lo <= b.lo && b.hi <= a.hi;
}

/** True when every packet `later` matches is matched by `earlier` first. */
function covers(earlier: PlacedRule, later: PlacedRule, cidrOf: CidrOf): boolean {
  const e = earlier.rule;
  const l = later.rule;
  if (e.direction !== l.direction) return false;
  if (!endpointCovers(e.from, l.from, cidrOf) || !endpointCovers(e.to, l.to, cidrOf)) return false;
  if (e.services.length === 0) return true;
  if (l.services.length === 0) return false;
  return l.services.every((s) => e.services.some((o) => serviceCovers(o, s)));
}

const label = (p: PlacedRule) => `rule ${p.rule.name ?? p.rule.id}`;

/** Port ranges are possible, CIDRs parse, and no rule hides behind an earlier one. */
export const checkFirewall: Check = ({ index }) => {
  const out: Diagnostic[] = [];
  for (const policy of index.all('firewall')) {
    policy.rules.forEach((rule, r) => {
      rule.services.forEach((s, i) => {
        if (s.ports === undefined) return;
        if (s.protocol === 'icmp') {
          out.push(
            error(
              policy.id,
              ['rules', r, 'services', i, 'ports'],
              'invalid-port-range',
              `${label({ policy, rule, index: r })}: icmp has no ports; remove "${s.ports}" or pick tcp/udp/sctp`,
            ),
          );
        } else if (!parsePortRange(s.ports)) {
          out.push(
            error(
              policy.id,
              ['rules', r, 'services', i, 'ports'],
              'invalid-port-range',
              `${label({ policy, rule, index: r })}: "${s.ports}" is not a port (1-65535) or a range low-high with low ≤ high`,
            ),
          );
        }
      });
      const cidrs: { side: 'from' | 'to'; family: number }[] = [];
      for (const side of ['from', 'to'] as const) {
        const ep = rule[side];
        if (ep === 'any' || !('cidr' in ep)) continue;
        const c = parseCidr(ep.cidr, false);
        if (!c)
          out.push(
            error(
              policy.id,
              ['rules', r, side, 'cidr'],
              'invalid-address',
              `"${ep.cidr}" is not a CIDR such as 10.0.0.0/8`,
            ),
          );
        else cidrs.push({ side, family: c.family });
      }
      if (cidrs.length === 2 && cidrs[0]?.family !== cidrs[1]?.family) {
        out.push(
          error(
            policy.id,
            ['rules', r, 'to'],
            'ip-family-mismatch',
            `${label({ policy, rule, index: r })} goes from an IPv${cidrs[0]?.family} to an IPv${cidrs[1]?.family} CIDR, so it can never match`,
          ),
        );
      }
    });
  }
  const placed = orderedRules(index.all('firewall'));
  const cidrOf = cidrCache();
  placed.forEach((later, j) => {
    let earlier: PlacedRule | undefined;
    for (let i = 0; i < j && !earlier; i++) {
      const e = placed[i];
      if (e && covers(e, later, cidrOf)) earlier = e;
    }
    if (!earlier) return;
    const same = earlier.rule.action === later.rule.action;
    out.push(
      warning(
        later.policy.id,
        ['rules', later.index],
        'shadowed-rule',
        `${label(later)} is never reached: ${label(earlier)} of ${earlier.policy.name} comes first and matches all its traffic (and ${earlier.rule.action}s it${same ? ', the same action' : ''}); move ${label(later)} above it or remove it`,
      ),
    );
  });
  return out;
};
