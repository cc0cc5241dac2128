import { createHash } from 'node:crypto';
import { join } from 'node:path';
import { LabError } from './errors.ts';

/** Everything that names one lab site: its directory, ports, namespace and devices. */
export interface SiteConfig {
  readonly site: string;
  /** private directory: db/, run/, log/, etc/ and lab.json */
  readonly dir: string;
  readonly nbPort: number;
  readonly sbPort: number;
  /** the Open vSwitch DB on 127.0.0.1 (Interface statistics for the port map) */
  readonly ovsPort: number;
  /** where netcanvas's sFlow collector listens on the host */
  readonly sflowCollector: { readonly host: string; readonly port: number };
}

/** Default ports: site a is OVN's usual 6641/6642 (OVS 6640), site b adds 1000. */
export const SITE_PORTS: Readonly<Record<string, { nb: number; sb: number; ovs: number }>> = {
  a: { nb: 6641, sb: 6642, ovs: 6640 },
  b: { nb: 7641, sb: 7642, ovs: 7640 },
};

const SITE_NAME = /^[a-z][a-z0-9]{0,7}$/;

/** Fills in defaults: `$NETCANVAS_LAB_DIR/<site>` (else `/tmp/netcanvas-lab/<site>`) and the site's ports. */
export function siteConfig(
  site: string,
  overrides: Partial<Omit<SiteConfig, 'site'>> = {},
  env: NodeJS.ProcessEnv = process.env,
): SiteConfig {
  if (!SITE_NAME.test(site)) {
    throw new LabError(
      'bad-argument',
      `site "${site}" is not a site name: use 1-8 lowercase letters or digits, starting with a letter (e.g. a, b)`,
    );
  }
  const defaults = SITE_PORTS[site];
  const nbPort = overrides.nbPort ?? defaults?.nb;
  const sbPort = overrides.sbPort ?? defaults?.sb;
  const ovsPort = overrides.ovsPort ?? defaults?.ovs;
  if (nbPort === undefined || sbPort === undefined || ovsPort === undefined) {
    throw new LabError(
      'bad-argument',
      `site "${site}" has no default ports: pass --nb-port, --sb-port and --ovs-port`,
    );
  }
  return {
    site,
    dir: overrides.dir ?? join(env.NETCANVAS_LAB_DIR ?? '/tmp/netcanvas-lab', site),
    nbPort,
    sbPort,
    ovsPort,
    sflowCollector: overrides.sflowCollector ?? { host: '127.0.0.1', port: 6343 },
  };
}

/** The names a site uses in the kernel; all derive from the site name. */
export function siteNames(site: string) {
  const fixed = { a: 1, b: 2 }[site];
  const octet = fixed ?? 3 + (Number.parseInt(shortHash(`site:${site}`, 4), 16) % 60);
  return {
    /** where ovs-vswitchd and ovn-controller run */
    netns: `nclab-${site}`,
    /** host end of the sFlow link into that namespace */
    sflowHostDevice: `nclab-${site}`,
    sflowNsDevice: 'sflow0',
    /** a link-local /30 per site: 169.254.<octet*4>.1 host, .2 namespace */
    sflowHostIp: `169.254.${octet * 4}.1`,
    sflowNsIp: `169.254.${octet * 4}.2`,
    systemId: `netcanvas-lab-${site}`,
    bridge: 'br-int',
  };
}

/** The first `length` hex digits of sha256(`text`). */
export function shortHash(text: string, length = 8): string {
  return createHash('sha256').update(text).digest('hex').slice(0, length);
}
