import type { Application } from '@netcanvas/model';
import type { SiteRemap } from './types.ts';

/** A remap as the form edits it: one `from = to` per line, per kind. */
export interface RemapText {
  readonly physicalNetworks: string;
  readonly externalIps: string;
  readonly gatewayChassis: string;
}

export const EMPTY_REMAP: RemapText = { physicalNetworks: '', externalIps: '', gatewayChassis: '' };

const LABELS: Record<keyof RemapText, string> = {
  physicalNetworks: 'physical network',
  externalIps: 'external address',
  gatewayChassis: 'gateway chassis',
};

/** Reads `from = to` lines (or `from -> to`); blank lines and `#` comments are skipped. */
function pairs(text: string, label: string): Record<string, string> | string {
  const out: Record<string, string> = {};
  for (const [i, raw] of text.split('\n').entries()) {
    const line = raw.trim();
    if (!line || line.startsWith('#')) continue;
    const m = /^(\S+)\s*(?:=|->|→)\s*(\S+)$/.exec(line);
    if (!m?.[1] || !m[2]) return `${label} line ${i + 1}: write "this-site = other-site"`;
    if (m[1] in out) return `${label} line ${i + 1}: ${m[1]} is mapped twice`;
    out[m[1]] = m[2];
  }
  return out;
}

/** The remap the API takes, undefined when nothing is remapped, or the first problem. */
export function parseRemap(text: RemapText): { remap: SiteRemap | undefined } | { error: string } {
  const remap: Record<string, Record<string, string>> = {};
  for (const key of Object.keys(LABELS) as (keyof RemapText)[]) {
    const parsed = pairs(text[key], LABELS[key]);
    if (typeof parsed === 'string') return { error: parsed };
    if (Object.keys(parsed).length > 0) remap[key] = parsed;
  }
  return { remap: Object.keys(remap).length > 0 ? (remap as SiteRemap) : undefined };
}

/** What a snapshot's app names that may differ at another site, prefilled as identity lines to edit. */
export function remapCandidates(app: Application): RemapText {
  const physnets = new Set<string>();
  const chassis = new Set<string>();
  for (const o of app.objects) {
    if (o.kind === 'uplink') physnets.add(o.physicalNetwork);
    if (o.kind === 'router') for (const c of o.gateway?.chassis ?? []) chassis.add(c.name);
  }
  const lines = (names: Set<string>) => [...names].map((n) => `${n} = ${n}`).join('\n');
  return { ...EMPTY_REMAP, physicalNetworks: lines(physnets), gatewayChassis: lines(chassis) };
}
