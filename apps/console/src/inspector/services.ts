import type { Service } from '@netcanvas/model';

const PROTOCOLS = ['tcp', 'udp', 'sctp', 'icmp'] as const;

/** `tcp/80, udp/53, icmp` */
export function formatServices(services: readonly Service[] | undefined): string {
  return (services ?? [])
    .map((s) => (s.ports ? `${s.protocol}/${s.ports}` : s.protocol))
    .join(', ');
}

export function parseServices(
  text: string,
): { ok: true; value: Service[] } | { ok: false; message: string } {
  const value: Service[] = [];
  for (const part of text
    .split(',')
    .map((s) => s.trim())
    .filter(Boolean)) {
    const [proto, ports] = part.split('/');
    const protocol = PROTOCOLS.find((p) => p === proto?.toLowerCase());
    if (!protocol) return { ok: false, message: `"${part}": write protocol/ports, e.g. tcp/443` };
    value.push(ports ? { protocol, ports } : { protocol });
  }
  return { ok: true, value };
}
