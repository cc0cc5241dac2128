import { readFile } from 'node:fs/promises';
import { readDesignFile } from '../design-file.ts';
import { type CommandResult, EXIT } from '../output.ts';

/** Options of `snapshot … --server URL`: snapshots kept by a netcanvas server. */
export interface ServerSnapshotOptions {
  readonly server?: string | undefined;
  readonly token?: string | undefined;
  readonly app?: string | undefined;
  readonly tenant?: string | undefined;
  readonly controller?: string | undefined;
  readonly format?: string | undefined;
  readonly remap?: string | undefined;
  readonly yes?: boolean | undefined;
  readonly json?: boolean | undefined;
}

export const SERVER_USAGE = `usage (against a server; --token or NETCANVAS_TOKEN, an API token nct_…):
  snapshot create  --server URL --app TENANT/APP --controller ID|NAME
  snapshot list    --server URL --app TENANT/APP [--json]
  snapshot export  ID --server URL --app TENANT/APP [--format yaml|json] > snap.yaml
  snapshot import  FILE --server URL --tenant TENANT
  snapshot diff    A B --server URL --app TENANT/APP | diff A --server URL --app TENANT/APP --controller ID|NAME
  snapshot restore ID --server URL --app TENANT/APP --controller ID|NAME [--remap REMAP.yaml] [--yes]
`;

interface Reply {
  readonly status: number;
  readonly text: string;
  // biome-ignore lint/suspicious/noExplicitAny: replies are read field by field below
  readonly json: any;
}

class ServerFailure extends Error {
  readonly result: CommandResult;
  constructor(result: CommandResult) {
    super(result.stderr);
    this.result = result;
  }
}

const usage = (why: string): CommandResult => ({
  exitCode: EXIT.usage,
  stderr: `${why}\n\n${SERVER_USAGE}`,
});

/** Exit status of a refusal: 422 is a finding (tampered file, invalid design), 5xx/409 the controller. */
function exitFor(status: number): number {
  if (status === 422) return EXIT.findings;
  if (status === 409 || status >= 500) return EXIT.controller;
  return EXIT.usage;
}

/** A bearer-token client of one server. */
class Server {
  readonly #base: string;
  readonly #token: string;

  constructor(base: string, token: string) {
    this.#base = base.replace(/\/+$/, '');
    this.#token = token;
  }

  async call(method: string, path: string, body?: unknown): Promise<Reply> {
    let res: Response;
    try {
      res = await fetch(`${this.#base}/api${path}`, {
        method,
        headers: {
          authorization: `Bearer ${this.#token}`,
          ...(body === undefined ? {} : { 'content-type': 'application/json' }),
        },
        ...(body === undefined ? {} : { body: JSON.stringify(body) }),
      });
    } catch (err) {
      throw new ServerFailure({
        exitCode: EXIT.unavailable,
        stderr: `cannot reach ${this.#base}: ${(err as Error).cause ?? (err as Error).message}\n`,
      });
    }
    const text = await res.text();
    let json: unknown;
    try {
      json = JSON.parse(text);
    } catch {
      json = undefined;
    }
    if (res.status >= 400) {
      const e = json as { code?: string; message?: string } | undefined;
      throw new ServerFailure({
        exitCode: exitFor(res.status),
        stderr: `${e?.code ?? res.status}: ${e?.message ?? text}\n`,
      });
    }
    return { status: res.status, text, json };
  }

  /** A controller id, from an id or a registered name. */
  async controllerId(tenant: string, ref: string | undefined): Promise<number> {
    if (!ref) throw new ServerFailure(usage('this needs --controller ID|NAME'));
    if (/^\d+$/.test(ref)) return Number(ref);
    const list = (await this.call('GET', `/tenants/${tenant}/controllers`)).json as {
      id: number;
      name: string;
    }[];
    const found = list.find((c) => c.name === ref);
    if (!found) {
      const names = list.map((c) => c.name).join(', ') || 'none';
      throw new ServerFailure({
        exitCode: EXIT.usage,
        stderr: `no controller "${ref}" in tenant "${tenant}" (registered: ${names})\n`,
      });
    }
    return found.id;
  }
}

interface Listed {
  id: string;
  createdAt: string;
  createdBy: string;
  source: string;
  size: number;
  controller: { name: string };
}

const changeLine = (c: {
  op: string;
  table?: string;
  key?: string;
  kind?: string;
  name?: string;
  objectId: string;
}) =>
  `${c.op === 'insert' ? '+' : c.op === 'delete' ? '-' : '~'} ${c.table ?? c.kind} ${c.key ?? c.name} (${c.objectId})`;

function summaryLine(s: { insert: number; update: number; delete: number }): string {
  return `${s.insert} to create, ${s.update} to change, ${s.delete} to delete`;
}

async function run(
  server: Server,
  sub: string,
  args: readonly string[],
  o: ServerSnapshotOptions,
): Promise<CommandResult> {
  const [tenant, appId] = (o.app ?? '').split('/');
  const needApp = () => {
    if (!tenant || !appId) throw new ServerFailure(usage(`snapshot ${sub} needs --app TENANT/APP`));
    return `/tenants/${tenant}/apps/${appId}/snapshots`;
  };
  switch (sub) {
    case 'create': {
      const base = needApp();
      const controller = await server.controllerId(tenant ?? '', o.controller);
      const r = await server.call('POST', base, { controller });
      const s = r.json as Listed;
      return {
        exitCode: EXIT.ok,
        stdout: o.json ? `${JSON.stringify(s, null, 2)}\n` : `${s.id}\n`,
        stderr: `snapshot of ${tenant}/${appId} on ${s.controller.name}${r.status === 200 ? ' (already taken: same content)' : ''}\n`,
      };
    }
    case 'list': {
      const list = (await server.call('GET', needApp())).json as Listed[];
      if (o.json) return { exitCode: EXIT.ok, stdout: `${JSON.stringify(list, null, 2)}\n` };
      const lines = list.map(
        (s) =>
          `${s.id.slice(0, 12)}  ${s.createdAt}  ${s.createdBy.padEnd(10)} ${s.source.padEnd(9)} ${s.controller.name}  ${s.size} B`,
      );
      return {
        exitCode: EXIT.ok,
        stdout: list.length === 0 ? 'no snapshots\n' : `${lines.join('\n')}\n`,
      };
    }
    case 'export': {
      const [id] = args;
      if (!id) return usage('snapshot export needs the snapshot ID');
      const format = o.format ?? 'yaml';
      if (format !== 'yaml' && format !== 'json') return usage('--format is yaml or json');
      const r = await server.call('GET', `${needApp()}/${id}/export?format=${format}`);
      return { exitCode: EXIT.ok, stdout: r.text };
    }
    case 'import': {
      const [file] = args;
      const into = o.tenant ?? tenant;
      if (!file || !into) return usage('snapshot import needs FILE and --tenant TENANT');
      const text = await readFile(file, 'utf8').catch((err: Error) => {
        throw new ServerFailure({ exitCode: EXIT.usage, stderr: `${file}: ${err.message}\n` });
      });
      const r = await server.call('POST', `/tenants/${into}/snapshots/import`, { file: text });
      const s = r.json as Listed & { appId: string; migratedFrom?: number };
      const how = r.status === 200 ? 'already there' : 'imported';
      const migrated =
        s.migratedFrom === undefined ? '' : ` (migrated from schema version ${s.migratedFrom})`;
      return {
        exitCode: EXIT.ok,
        stdout: `${s.id}\n`,
        stderr: `${how}: snapshot of ${into}/${s.appId}${migrated}\n`,
      };
    }
    case 'diff': {
      const [a, b] = args;
      const base = needApp();
      if (!a || (!b && !o.controller))
        return usage('snapshot diff needs two ids, or an id and --controller');
      const path = b
        ? `${base}/${a}/diff/${b}`
        : `${base}/${a}/diff-live?controller=${await server.controllerId(tenant ?? '', o.controller)}`;
      const d = (await server.call('GET', path)).json;
      if (o.json) return { exitCode: EXIT.ok, stdout: `${JSON.stringify(d, null, 2)}\n` };
      const lines = (d.changes as Parameters<typeof changeLine>[0][]).map(changeLine);
      return { exitCode: EXIT.ok, stdout: `${[...lines, summaryLine(d.summary)].join('\n')}\n` };
    }
    case 'restore': {
      const [id] = args;
      if (!id) return usage('snapshot restore needs the snapshot ID');
      const base = needApp();
      const controller = await server.controllerId(tenant ?? '', o.controller);
      const remap = o.remap ? await readDesignFile(o.remap) : undefined;
      const plan = (
        await server.call('POST', `${base}/${id}/restore-plan`, {
          controller,
          ...(remap === undefined ? {} : { remap }),
        })
      ).json;
      const shown = `${[...(plan.changes as Parameters<typeof changeLine>[0][]).map(changeLine), summaryLine(plan.summary)].join('\n')}\n`;
      if (!o.yes) {
        return {
          exitCode: EXIT.ok,
          stdout: `${shown}nothing was applied: re-run with --yes to restore in one transaction\n`,
        };
      }
      await server.call('POST', `/tenants/${tenant}/apps/${appId}/apply`, { planId: plan.planId });
      return {
        exitCode: EXIT.ok,
        stdout: `restored ${plan.snapshot.id.slice(0, 12)} onto ${plan.controller.name} in one transaction:\n${shown}`,
      };
    }
    default:
      return usage(`unknown snapshot command "${sub}" for a server`);
  }
}

/** `snapshot create|list|export|import|diff|restore --server URL`: snapshots kept by a server. */
export async function serverSnapshotCommand(
  args: readonly string[],
  options: ServerSnapshotOptions,
): Promise<CommandResult> {
  const [sub, ...rest] = args;
  const token = options.token ?? process.env.NETCANVAS_TOKEN;
  if (!options.server) return usage('this needs --server URL');
  if (!token)
    return usage('this needs --token nct_… (or NETCANVAS_TOKEN): an API token of the tenant');
  if (!sub) return usage('snapshot needs a command');
  try {
    return await run(new Server(options.server, token), sub, rest, options);
  } catch (err) {
    if (err instanceof ServerFailure) return err.result;
    throw err;
  }
}
