import {
  type Application,
  type FirewallRule,
  type NicAddresses,
  resolveAddresses,
  type WhatIfQuery,
  type WhatIfResult,
  whatIf,
} from '@netcanvas/model';
import type { FlowDirection, TrafficFlow } from './flows.ts';
import { hash32 } from './random.ts';
import { RATE_PROFILES, rateProfile } from './rates.ts';

/** Resolves a workload NIC to the ifIndex telemetry reports it under. */
export type IfIndexOf = (workloadId: string, nicId: string) => number;

type Proto = 'tcp' | 'udp' | 'icmp';
interface Service {
  readonly protocol: Proto;
  readonly port: number | undefined;
}

// bounds the work for a big design: n² traces otherwise
const MAX_TRACES = 4000;
const MAX_BACKENDS = 16;
const CLIENTS_PER_BACKEND = 2;
const ALLOW = new Set(['allow', 'allow-related', 'allow-stateless']);
const DEFAULT_PORT = { tcp: 443, udp: 53, icmp: undefined } as const;

interface IntentRule {
  readonly policyId: string;
  readonly rule: FirewallRule;
}

/** Allow rules that name who may talk: their services are what workloads talk over. */
function intentRules(app: Application): IntentRule[] {
  const out: IntentRule[] = [];
  for (const o of app.objects) {
    if (o.kind !== 'firewall') continue;
    for (const rule of o.rules) {
      if (ALLOW.has(rule.action) && rule.from !== 'any' && rule.match === undefined)
        out.push({ policyId: o.id, rule });
    }
  }
  return out;
}

function servicesOf(rules: readonly IntentRule[]): Service[] {
  const seen = new Map<string, Service>();
  const add = (s: Service) => seen.set(`${s.protocol}/${s.port}`, s);
  for (const { rule } of rules) {
    if (rule.services.length === 0) add({ protocol: 'icmp', port: undefined });
    for (const s of rule.services) {
      if (s.protocol === 'sctp') continue;
      const first = s.ports ? Number.parseInt(s.ports, 10) : Number.NaN;
      add({
        protocol: s.protocol,
        port: Number.isFinite(first) ? first : DEFAULT_PORT[s.protocol],
      });
    }
  }
  return [...seen.values()];
}

/** The intent rule that let a delivered packet through, if one did. */
function permittingRule(
  result: WhatIfResult,
  rules: readonly IntentRule[],
): IntentRule | undefined {
  if (result.verdict !== 'delivered') return undefined;
  const d = result.decidingRule;
  if (d) return rules.find((r) => r.policyId === d.policyId && r.rule.id === d.ruleId);
  // a from-lport allow is on the path but not the deciding (to-lport) rule
  return rules.find((r) =>
    result.hops.some(
      (h) =>
        h.kind === 'firewall' &&
        h.objectId === r.policyId &&
        h.detail === `${r.rule.direction} rule ${r.rule.name ?? r.rule.id}: ${r.rule.action}`,
    ),
  );
}

interface Context {
  readonly appKey: string;
  readonly nics: readonly NicAddresses[];
  readonly routerMac: Map<string, string>;
  readonly ifIndexOf: IfIndexOf;
  readonly names: Map<string, string>;
}

function firstNic(ctx: Context, workloadId: string): NicAddresses | undefined {
  return ctx.nics.find((n) => n.workloadId === workloadId && n.ip !== undefined);
}

function nicWithIp(ctx: Context, ip: string): NicAddresses | undefined {
  return ctx.nics.find((n) => n.ip === ip);
}

/** MAC a frame from `from` carries toward `to`: the peer on one switch, else the router. */
function nextHopMac(ctx: Context, from: NicAddresses, to: NicAddresses | undefined): string {
  if (to && to.switchId === from.switchId) return to.mac;
  return ctx.routerMac.get(from.switchId) ?? '02:4e:43:ff:ff:ff';
}

function buildFlow(
  ctx: Context,
  client: { ip: string; nic: NicAddresses | undefined },
  server: NicAddresses & { ip: string },
  service: Service,
  serverPort: number,
  why: string,
): TrafficFlow {
  const clientName = client.nic ? (ctx.names.get(client.nic.workloadId) ?? client.ip) : client.ip;
  const serverName = ctx.names.get(server.workloadId) ?? server.ip;
  const id = `${ctx.appKey}|${client.ip}|${server.ip}|${service.protocol}/${serverPort}`;
  const profile = rateProfile(service.protocol, serverPort);
  const ephemeral = service.protocol === 'icmp' ? 0 : 32768 + (hash32(id) % 28232);
  const dstPort = service.protocol === 'icmp' ? 0 : serverPort;
  const clientIf = client.nic && ctx.ifIndexOf(client.nic.workloadId, client.nic.nicId);
  const serverIf = ctx.ifIndexOf(server.workloadId, server.nicId);
  const clientMac = client.nic ? client.nic.mac : nextHopMac(ctx, server, undefined);
  const request: FlowDirection = {
    srcIp: client.ip,
    dstIp: server.ip,
    srcPort: ephemeral,
    dstPort,
    srcMac: clientMac,
    dstMac: client.nic ? nextHopMac(ctx, client.nic, server) : server.mac,
    senderIfIndex: clientIf,
    receiverIfIndex: serverIf,
    rate: profile.request,
    frameBytes: profile.requestFrame,
  };
  const response: FlowDirection = {
    srcIp: server.ip,
    dstIp: client.ip,
    srcPort: dstPort,
    dstPort: ephemeral,
    srcMac: server.mac,
    dstMac: nextHopMac(ctx, server, client.nic),
    senderIfIndex: serverIf,
    receiverIfIndex: clientIf,
    rate: profile.response,
    frameBytes: profile.responseFrame,
  };
  const label = `${clientName} → ${serverName} ${service.protocol}${service.protocol === 'icmp' ? '' : `/${serverPort}`} (${why})`;
  return { id, appKey: ctx.appKey, label, protocol: service.protocol, profile, request, response };
}

function hostPort(text: string | undefined): { ip: string; port: number | undefined } | undefined {
  const m = text?.match(/^(\d+\.\d+\.\d+\.\d+)(?::(\d+))?$/);
  if (!m?.[1]) return undefined;
  return { ip: m[1], port: m[2] ? Number(m[2]) : undefined };
}

function workloadFlows(app: Application, ctx: Context, budget: { traces: number }): TrafficFlow[] {
  const rules = intentRules(app);
  const services = servicesOf(rules);
  const workloads = app.objects.filter((o) => o.kind === 'workload');
  const out: TrafficFlow[] = [];
  for (const a of workloads) {
    const from = firstNic(ctx, a.id);
    if (!from?.ip) continue;
    for (const b of workloads) {
      if (a.id === b.id) continue;
      for (const s of services) {
        if (budget.traces-- <= 0) return out;
        const q: WhatIfQuery = { from: a.id, to: b.id, protocol: s.protocol, port: s.port };
        const result = whatIf(app, q);
        const rule = permittingRule(result, rules);
        const dst = hostPort(result.finalDestination);
        const server = dst && nicWithIp(ctx, dst.ip);
        if (!rule || !server?.ip || server.workloadId !== b.id) continue;
        const why = `rule ${rule.rule.name ?? rule.rule.id}`;
        out.push(
          buildFlow(
            ctx,
            { ip: from.ip, nic: from },
            { ...server, ip: server.ip },
            s,
            dst?.port ?? 0,
            why,
          ),
        );
      }
    }
  }
  return out;
}

/** The design with one VIP's backends rotated so backend `i` is the one a trace picks. */
function withBackendFirst(
  app: Application,
  lbId: string,
  vipIndex: number,
  i: number,
): Application {
  const objects = app.objects.map((o) => {
    if (o.kind !== 'loadBalancer' || o.id !== lbId) return o;
    const vips = o.vips.map((v, j) =>
      j === vipIndex ? { ...v, backends: [...v.backends.slice(i), ...v.backends.slice(0, i)] } : v,
    );
    return { ...o, vips };
  });
  return { ...app, objects };
}

function loadBalancedFlows(app: Application, ctx: Context): TrafficFlow[] {
  const out: TrafficFlow[] = [];
  let client = 0;
  for (const lb of app.objects) {
    if (lb.kind !== 'loadBalancer') continue;
    const protocol = lb.protocol;
    if (protocol === 'sctp') continue;
    lb.vips.forEach((vip, v) => {
      const n = Math.min(vip.backends.length, MAX_BACKENDS);
      for (let i = 0; i < n; i++) {
        const rotated = withBackendFirst(app, lb.id, v, i);
        for (let c = 0; c < CLIENTS_PER_BACKEND; c++) {
          // TEST-NET-2 (RFC 5737): clients on the internet, never a real address
          const ip = `198.51.100.${10 + (client++ % 240)}`;
          const q: WhatIfQuery = { from: ip, to: vip.ip, protocol, port: vip.port };
          const result = whatIf(rotated, q);
          const dst = hostPort(result.finalDestination);
          const server = dst && nicWithIp(ctx, dst.ip);
          if (result.verdict !== 'delivered' || !server?.ip || dst?.port === undefined) continue;
          const s: Service = { protocol, port: dst.port };
          out.push(
            buildFlow(
              ctx,
              { ip, nic: undefined },
              { ...server, ip: server.ip },
              s,
              dst.port,
              `VIP ${vip.ip}:${vip.port} of ${lb.name}`,
            ),
          );
        }
      }
    });
  }
  return out;
}

/** The shared lookups of one app's flows. */
function contextOf(key: string, app: Application, ifIndexOf: IfIndexOf): Context {
  const addresses = resolveAddresses(app);
  const routerMac = new Map<string, string>();
  for (const p of addresses.routerPorts)
    if (!routerMac.has(p.switchId)) routerMac.set(p.switchId, p.mac);
  const names = new Map(app.objects.map((o) => [o.id, o.name]));
  return { appKey: key, nics: addresses.nics, routerMac, ifIndexOf, names };
}

/**
 * Every connection the applied design permits, checked with `whatIf` (the sandbox's
 * trace): workload pairs over the services of allow rules that name their source
 * (a rule from "any" stands for outside clients, reached through a VIP), and outside
 * clients to each backend of each VIP. A denied pair yields nothing.
 */
export function discoverFlows(key: string, app: Application, ifIndexOf: IfIndexOf): TrafficFlow[] {
  const ctx = contextOf(key, app, ifIndexOf);
  const flows = [
    ...loadBalancedFlows(app, ctx),
    ...workloadFlows(app, ctx, { traces: MAX_TRACES }),
  ];
  const unique = new Map(flows.map((f) => [f.id, f]));
  return [...unique.values()];
}

const MAX_DENIED = 8;

/**
 * Attempts the policy drops, the kind a firewall log shows: a workload reaching past the tier
 * it may talk to for that tier's own service (web → db:5432 when only web → app and app → db
 * are allowed). Each is traced with `whatIf`, and carries the rule that drops it.
 */
export function discoverDeniedFlows(
  key: string,
  app: Application,
  ifIndexOf: IfIndexOf,
  permitted: readonly TrafficFlow[],
): TrafficFlow[] {
  const ctx = contextOf(key, app, ifIndexOf);
  const edges = permitted.flatMap((f) => {
    const client = nicWithIp(ctx, f.request.srcIp);
    const server = nicWithIp(ctx, f.request.dstIp);
    return client && server
      ? [{ client, server, protocol: f.protocol, port: f.request.dstPort }]
      : [];
  });
  const pair = (a: string, b: string, protocol: string, port: number) =>
    `${a}>${b}:${protocol}/${port}`;
  const allowed = new Set(
    edges.map((e) => pair(e.client.workloadId, e.server.workloadId, e.protocol, e.port)),
  );
  const out = new Map<string, TrafficFlow>();
  const denied = RATE_PROFILES.denied;
  for (const first of edges) {
    for (const next of edges) {
      const from = first.client;
      const to = next.server;
      if (first.server.workloadId !== next.client.workloadId) continue;
      if (from.workloadId === to.workloadId || !from.ip || !to.ip) continue;
      const id = pair(from.workloadId, to.workloadId, next.protocol, next.port);
      if (allowed.has(id) || out.has(id)) continue;
      if (out.size >= MAX_DENIED) return [...out.values()];
      const q: WhatIfQuery = {
        from: from.workloadId,
        to: to.workloadId,
        protocol: next.protocol,
        port: next.protocol === 'icmp' ? undefined : next.port,
      };
      const rule = whatIf(app, q);
      if (rule.verdict !== 'dropped' || !rule.decidingRule) continue;
      const { policyId, ruleId, ruleName } = rule.decidingRule;
      const flow = buildFlow(
        ctx,
        { ip: from.ip, nic: from },
        { ...to, ip: to.ip },
        { protocol: next.protocol, port: next.port },
        next.port,
        `dropped by rule ${ruleName ?? ruleId}`,
      );
      out.set(id, {
        ...flow,
        id: `${flow.id}|denied`,
        profile: denied,
        request: { ...flow.request, rate: denied.request, frameBytes: denied.requestFrame },
        denied: { policyId, ruleId },
      });
    }
  }
  return [...out.values()];
}
