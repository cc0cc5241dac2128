import {
  type Application,
  diffSnapshots,
  parseApplication,
  plan,
  type SiteRemap,
  type Snapshot,
  verifySnapshot,
} from '@netcanvas/model';
import { captureSnapshot, OvnDriver, OvnError, readApplied, restorePlan } from '@netcanvas/ovn';
import { stringify } from 'yaml';
import { readDesignFile } from '../design-file.ts';
import { type CommandResult, EXIT, formatDiagnostics } from '../output.ts';
import { formatRowChanges } from './controller.ts';
import { formatChanges } from './snapshot-format.ts';
import { SERVER_USAGE, serverSnapshotCommand } from './snapshot-server.ts';

/** Options of `snapshot …` (the lead's `parseArgs` in main.ts declares them). */
export interface SnapshotOptions {
  readonly controller?: string | undefined;
  readonly app?: string | undefined;
  readonly design?: string | undefined;
  readonly remap?: string | undefined;
  readonly yes?: boolean | undefined;
  readonly json?: boolean | undefined;
  /** a netcanvas server: the snapshots it keeps instead of files and NBs */
  readonly server?: string | undefined;
  readonly token?: string | undefined;
  readonly tenant?: string | undefined;
  readonly format?: string | undefined;
}

const USAGE = `usage:
  snapshot create --controller URL --app TENANT/APP [--design FILE] [--json] > snap.yaml
  snapshot diff A B | snapshot diff A --controller URL
  snapshot restore FILE --controller URL [--remap REMAP.yaml] [--yes]
  snapshot verify FILE

${SERVER_USAGE}`;

const usage = (why: string): CommandResult => ({
  exitCode: EXIT.usage,
  stderr: `${why}\n\n${USAGE}`,
});

/** Reads and checks a snapshot file: refused (exit 1) when tampered, newer or malformed. */
async function load(file: string): Promise<{ snapshot: Snapshot; note: string } | CommandResult> {
  const check = verifySnapshot(await readDesignFile(file));
  if (!check.ok)
    return { exitCode: EXIT.findings, stderr: `${file}: ${check.code}: ${check.message}\n` };
  const note =
    check.migratedFrom === undefined
      ? ''
      : `note: ${file} was written in schema version ${check.migratedFrom}; migrated\n`;
  return { snapshot: check.snapshot, note };
}

async function withDriver(remote: string, work: (d: OvnDriver) => Promise<CommandResult>) {
  let driver: OvnDriver | undefined;
  try {
    driver = await OvnDriver.connect({ remote, watchApps: false });
    return await work(driver);
  } catch (err) {
    if (!(err instanceof OvnError)) throw err;
    const exitCode = err.code === 'invalid-design' ? EXIT.findings : EXIT.controller;
    return { exitCode, stderr: `${err.code}: ${err.message}\n` };
  } finally {
    driver?.close();
  }
}

async function create(options: SnapshotOptions): Promise<CommandResult> {
  const remote = options.controller;
  const [tenant, id] = (options.app ?? '').split('/');
  if (!remote || !tenant || !id)
    return usage('snapshot create needs --controller URL and --app TENANT/APP');
  let design: Application | undefined;
  if (options.design) {
    const parsed = parseApplication(await readDesignFile(options.design));
    if (!parsed.ok)
      return {
        exitCode: EXIT.findings,
        stderr: `${options.design}:\n${formatDiagnostics(parsed.diagnostics)}\n`,
      };
    design = parsed.app;
    if (design.tenant !== tenant || design.id !== id)
      return usage(`${options.design} is ${design.tenant}/${design.id}, not ${tenant}/${id}`);
  }
  return withDriver(remote, async (driver) => {
    const snapshot = await captureSnapshot(driver, design, {
      createdBy: process.env.USER ?? 'cli',
      remote,
      app: { tenant, id },
    });
    return {
      exitCode: EXIT.ok,
      stdout: options.json ? `${JSON.stringify(snapshot, null, 2)}\n` : stringify(snapshot),
      stderr: `snapshot ${snapshot.id} of ${tenant}/${id} (${snapshot.app.objects.length} objects)\n`,
    };
  });
}

async function diff(args: readonly string[], options: SnapshotOptions): Promise<CommandResult> {
  const [fileA, fileB] = args;
  if (!fileA || (!fileB && !options.controller))
    return usage('snapshot diff needs two files, or a file and --controller URL');
  const a = await load(fileA);
  if (!('snapshot' in a)) return a;
  if (fileB) {
    const b = await load(fileB);
    if (!('snapshot' in b)) return b;
    return {
      exitCode: EXIT.ok,
      stdout: formatChanges(diffSnapshots(a.snapshot, b.snapshot)),
      stderr: a.note + b.note,
    };
  }
  const remote = options.controller ?? '';
  return withDriver(remote, async (driver) => {
    const live = await readApplied(driver, a.snapshot.app, a.snapshot.design ?? a.snapshot.app);
    const head = `snapshot ${a.snapshot.id.slice(0, 12)} → live ${remote}:\n`;
    return {
      exitCode: EXIT.ok,
      stdout: head + formatChanges(plan(a.snapshot.app, live)),
      stderr: a.note,
    };
  });
}

async function restore(file: string | undefined, options: SnapshotOptions): Promise<CommandResult> {
  const remote = options.controller;
  if (!file || !remote) return usage('snapshot restore needs FILE and --controller URL');
  const loaded = await load(file);
  if (!('snapshot' in loaded)) return loaded;
  const remap = options.remap ? ((await readDesignFile(options.remap)) as SiteRemap) : undefined;
  return withDriver(remote, async (driver) => {
    const planned = await restorePlan(driver, loaded.snapshot, remap);
    const shown = formatRowChanges(loaded.snapshot.app, planned.changes);
    if (!options.yes)
      return {
        exitCode: EXIT.ok,
        stdout: `${shown}nothing was applied: re-run with --yes to restore in one transaction\n`,
        stderr: loaded.note,
      };
    const result = await driver.commit(planned);
    const head = result.changed
      ? `restored ${loaded.snapshot.id.slice(0, 12)} onto ${remote} in one transaction:\n`
      : '';
    return { exitCode: EXIT.ok, stdout: head + shown, stderr: loaded.note };
  });
}

async function verify(file: string | undefined): Promise<CommandResult> {
  if (!file) return usage('snapshot verify needs FILE');
  const loaded = await load(file);
  if (!('snapshot' in loaded)) return loaded;
  const s = loaded.snapshot;
  return {
    exitCode: EXIT.ok,
    stdout: `ok ${s.id}\n  app ${s.app.tenant}/${s.app.id}, ${s.app.objects.length} objects, taken ${s.createdAt} by ${s.createdBy} from ${s.controller.remote}\n`,
    stderr: loaded.note,
  };
}

/**
 * `snapshot create|diff|restore|verify`: snapshots as files, diffed and restored onto a
 * controller; with `--server`, also `list|export|import` of the snapshots a server keeps.
 */
export async function snapshotCommand(
  args: readonly string[],
  options: SnapshotOptions,
): Promise<CommandResult> {
  if (options.server) return serverSnapshotCommand(args, options);
  const [sub, ...rest] = args;
  switch (sub) {
    case 'create':
      return create(options);
    case 'diff':
      return diff(rest, options);
    case 'restore':
      return restore(rest[0], options);
    case 'verify':
      return verify(rest[0]);
    case 'list':
    case 'export':
    case 'import':
      return usage(`snapshot ${sub} works against a server: give --server URL and --token`);
    default:
      return usage(sub ? `unknown snapshot command "${sub}"` : 'snapshot needs a command');
  }
}
