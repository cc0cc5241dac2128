import { LabError } from './errors.ts';

/** A lab site as a netcanvas controller: the body of `POST /api/tenants/{t}/controllers`. */
export interface SiteRegistration {
  readonly name: string;
  readonly kind: 'ovn';
  readonly remote: string;
  readonly sbRemote: string;
  /** `AGENT@REMOTE`: the sFlow agent address br-int's datagrams carry, then the OVS DB */
  readonly ovsRemote: string;
}

/** Where to register, and as whom. */
export interface RegisterTarget {
  /** the netcanvas server, e.g. `http://127.0.0.1:8080` */
  readonly server: string;
  /** an API token (`nct_…`) with the admin role in the tenant */
  readonly token: string;
  /** default: the token's own tenant */
  readonly tenant?: string;
}

/** The controller a lab site registers as (its NB, SB, and its OVS DB with br-int's sFlow agent). */
export function siteRegistration(site: {
  readonly name: string;
  readonly nbRemote: string;
  readonly sbRemote: string;
  readonly ovsRemote: string;
  readonly sflowAgent: string;
}): SiteRegistration {
  return {
    name: site.name,
    kind: 'ovn',
    remote: site.nbRemote,
    sbRemote: site.sbRemote,
    ovsRemote: `${site.sflowAgent}@${site.ovsRemote}`,
  };
}

const quote = (s: string) => `'${s.replaceAll("'", `'\\''`)}'`;

/** The `curl` line that registers the site by hand, for when `--register` was not given. */
export function registerCommand(
  registration: SiteRegistration,
  server = 'http://127.0.0.1:8080',
  tenant = 'default',
): string {
  return [
    'curl -sS -X POST -H "authorization: Bearer $NETCANVAS_TOKEN"',
    "-H 'content-type: application/json'",
    `-d ${quote(JSON.stringify(registration))}`,
    `${server}/api/tenants/${tenant}/controllers`,
  ].join(' ');
}

/** Registers the site in a running netcanvas server; returns the new controller's id and tenant. */
export async function registerSite(
  registration: SiteRegistration,
  target: RegisterTarget,
): Promise<{ id: number; tenant: string }> {
  const base = target.server.replace(/\/+$/, '');
  const call = async (method: string, path: string, body?: unknown) => {
    let res: Response;
    try {
      res = await fetch(`${base}/api${path}`, {
        method,
        headers: {
          authorization: `Bearer ${target.token}`,
          ...(body === undefined ? {} : { 'content-type': 'application/json' }),
        },
        ...(body === undefined ? {} : { body: JSON.stringify(body) }),
      });
    } catch (cause) {
      throw new LabError(
        'command-failed',
        `no netcanvas server answers at ${base}: start it (pnpm netcanvas serve) or pass its URL to --register`,
        { cause },
      );
    }
    const text = await res.text();
    let json: Record<string, unknown> = {};
    try {
      json = text ? (JSON.parse(text) as Record<string, unknown>) : {};
    } catch {
      // not JSON: the status says enough
    }
    return { status: res.status, json };
  };
  let tenant = target.tenant;
  if (!tenant) {
    const session = await call('GET', '/auth/session');
    if (session.status === 401) throw badToken(base);
    const tenants = (session.json.tenants ?? []) as { id: string }[];
    if (tenants.length !== 1 || !tenants[0]) {
      throw new LabError(
        'bad-argument',
        `say which tenant to register the site in: --tenant (this login is in ${tenants.length} tenants)`,
      );
    }
    tenant = tenants[0].id;
  }
  const created = await call(
    'POST',
    `/tenants/${encodeURIComponent(tenant)}/controllers`,
    registration,
  );
  if (created.status === 201) return { id: Number(created.json.id), tenant };
  if (created.status === 401) throw badToken(base);
  const said = typeof created.json.message === 'string' ? created.json.message : '';
  if (created.status === 409) {
    throw new LabError(
      'already-up',
      `tenant ${tenant} already has a controller named "${registration.name}": it is registered, or pass --name for another`,
    );
  }
  if (created.status === 403 || created.status === 404) {
    throw new LabError(
      'bad-argument',
      `the token may not register controllers in tenant ${tenant} (${created.status}): use a token with the admin role there`,
    );
  }
  throw new LabError(
    'command-failed',
    `netcanvas refused the site (${created.status}): ${said || 'no reason given'}`,
  );
}

function badToken(base: string): LabError {
  return new LabError(
    'bad-argument',
    `${base} does not accept the token: create one with the admin role (POST /api/tenants/TENANT/tokens) and pass it to --token or NETCANVAS_TOKEN`,
  );
}
