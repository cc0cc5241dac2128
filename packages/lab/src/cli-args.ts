import { parseArgs } from 'node:util';
import { LabError } from './errors.ts';
import { type SiteConfig, siteConfig } from './site.ts';

/** The commands of `pnpm lab`. */
export const COMMANDS = ['up', 'down', 'status', 'sync', 'remove', 'traffic', 'agent'] as const;
/** One of {@link COMMANDS}. */
export type LabCommand = (typeof COMMANDS)[number];

/** A parsed `pnpm lab` command line. */
export interface LabInvocation {
  readonly command: LabCommand;
  readonly config: SiteConfig;
  /** positional arguments after the command */
  readonly rest: readonly string[];
  readonly json: boolean;
  /** `up --register URL`: register the site in that netcanvas server as a controller */
  readonly register: LabRegister | undefined;
  /** the controller name to register as (default `lab-<site>`) */
  readonly name: string;
  /** `agent --server URL`: the netcanvas server to follow */
  readonly follow: LabFollow | undefined;
}

/** What `agent` follows: a server, and which of its controllers this site is. */
export interface LabFollow {
  readonly server: string;
  readonly token: string;
  /** default: the token's tenant */
  readonly tenant: string | undefined;
  /** the controller id; default: the controller named `--name` (lab-<site>) */
  readonly controller: number | undefined;
}

/** Where `up --register` registers the site. */
export interface LabRegister {
  readonly server: string;
  readonly token: string;
  /** default: the token's tenant */
  readonly tenant: string | undefined;
}

/** Usage text of `pnpm lab`. */
export const USAGE = `usage: pnpm lab <command> [--site a|b] [options]

  up                       start OVN NB/SB, northd, OVS (netdev datapath), ovn-controller, sFlow
  down                     stop exactly what up started, remove its namespaces and devices
  status                   what runs, namespaces, chassis in the SB
  sync APP.json            run the app's workloads as namespaces plugged into br-int
  remove APP.json          remove the app's workload namespaces
  agent --server URL       follow that netcanvas server: run the workloads of what it applies
                           to this site (up --register starts one in the background)
  traffic APP.json WORKLOAD PROFILE...
                           http-server PORT | http-client URL every MS |
                           udp-stream IP:PORT PPSpps SIZE | ping IP every MS

options: --site NAME (a: NB 6641 SB 6642 OVS 6640; b: 7641 7642 7640)
         --nb-port N --sb-port N --ovs-port N --dir DIR --sflow HOST:PORT (127.0.0.1:6343) --json
         up --register URL --token TOKEN [--tenant T] [--name N]
                           also register the site in that netcanvas server (default name lab-<site>)
                           and start the agent that follows it
         agent --server URL [--token TOKEN] [--tenant T] [--controller ID | --name N]
env:     NETCANVAS_LAB_DIR (default /tmp/netcanvas-lab): each site lives in <dir>/<site>
         NETCANVAS_TOKEN: the API token for --register (admin role in the tenant)`;

/** Parses argv (without node and the script); throws `bad-argument` with what is wrong. */
export function parseLabArgs(argv: readonly string[], env = process.env): LabInvocation {
  let parsed: ReturnType<typeof parse>;
  try {
    parsed = parse(argv);
  } catch (cause) {
    throw new LabError('bad-argument', `${(cause as Error).message}\n${USAGE}`, { cause });
  }
  const [command, ...rest] = parsed.positionals;
  if (!COMMANDS.includes(command as LabCommand)) {
    throw new LabError(
      'bad-argument',
      `${command ? `unknown command "${command}"` : 'no command'}\n${USAGE}`,
    );
  }
  const v = parsed.values;
  const port = (name: string, text: string | undefined) => {
    if (text === undefined) return undefined;
    const n = Number(text);
    if (!Number.isInteger(n) || n < 1 || n > 65535) {
      throw new LabError('bad-argument', `--${name} ${text} is not a TCP port (1-65535)`);
    }
    return n;
  };
  let sflowCollector: SiteConfig['sflowCollector'] | undefined;
  if (v.sflow !== undefined) {
    const at = v.sflow.lastIndexOf(':');
    const p = port('sflow', v.sflow.slice(at + 1));
    if (at < 1 || p === undefined)
      throw new LabError('bad-argument', `--sflow ${v.sflow}: use HOST:PORT`);
    sflowCollector = { host: v.sflow.slice(0, at), port: p };
  }
  const overrides = {
    ...(v['nb-port'] !== undefined ? { nbPort: port('nb-port', v['nb-port']) } : {}),
    ...(v['sb-port'] !== undefined ? { sbPort: port('sb-port', v['sb-port']) } : {}),
    ...(v['ovs-port'] !== undefined ? { ovsPort: port('ovs-port', v['ovs-port']) } : {}),
    ...(v.dir !== undefined ? { dir: v.dir } : {}),
    ...(sflowCollector ? { sflowCollector } : {}),
  };
  const config = siteConfig(v.site ?? 'a', overrides as Partial<SiteConfig>, env);
  const server = (flag: string, url: string, role: string) => {
    if (!/^https?:\/\/[^\s/]+/.test(url)) {
      throw new LabError(
        'bad-argument',
        `--${flag} ${url}: give the netcanvas server's URL, e.g. http://127.0.0.1:8080`,
      );
    }
    const token = v.token ?? env.NETCANVAS_TOKEN;
    if (!token) {
      throw new LabError(
        'bad-argument',
        `--${flag} needs an API token with the ${role} role: --token nct_… or NETCANVAS_TOKEN`,
      );
    }
    return { server: url, token, tenant: v.tenant };
  };
  const register: LabRegister | undefined =
    v.register === undefined ? undefined : server('register', v.register, 'admin');
  let follow: LabFollow | undefined;
  if (command === 'agent') {
    if (v.server === undefined) {
      throw new LabError(
        'bad-argument',
        `agent needs --server URL (the netcanvas server)\n${USAGE}`,
      );
    }
    const controller = v.controller === undefined ? undefined : Number(v.controller);
    if (controller !== undefined && !(Number.isInteger(controller) && controller > 0)) {
      throw new LabError('bad-argument', `--controller ${v.controller} is not a controller id`);
    }
    follow = { ...server('server', v.server, 'viewer'), controller };
  }
  return {
    command: command as LabCommand,
    config,
    rest,
    json: v.json ?? false,
    register,
    name: v.name ?? `lab-${config.site}`,
    follow,
  };
}

function parse(argv: readonly string[]) {
  return parseArgs({
    args: [...argv],
    allowPositionals: true,
    options: {
      site: { type: 'string' },
      'nb-port': { type: 'string' },
      'sb-port': { type: 'string' },
      'ovs-port': { type: 'string' },
      dir: { type: 'string' },
      sflow: { type: 'string' },
      json: { type: 'boolean' },
      register: { type: 'string' },
      token: { type: 'string' },
      tenant: { type: 'string' },
      name: { type: 'string' },
      server: { type: 'string' },
      controller: { type: 'string' },
    },
  });
}
