import {
  type Application,
  autoLayout,
  hasErrors,
  parseApplication,
  validate,
} from '@netcanvas/model';
import { OvnDriver, OvnError, type RowChange } from '@netcanvas/ovn';
import { stringify } from 'yaml';
import { readDesignFile } from '../design-file.ts';
import { type CommandResult, EXIT, formatDiagnostics } from '../output.ts';

interface ControllerOptions {
  readonly controller?: string | undefined;
  readonly json: boolean;
}

const SIGN = { insert: '+', update: '~', delete: '-' } as const;

/** Row changes grouped by the design object they come from, one block per object. */
export function formatRowChanges(
  app: Application | undefined,
  changes: readonly RowChange[],
): string {
  if (changes.length === 0) return 'no changes: the controller already holds this design\n';
  const byObject = new Map<string, RowChange[]>();
  for (const c of changes) byObject.set(c.objectId, [...(byObject.get(c.objectId) ?? []), c]);
  const lines: string[] = [];
  for (const [objectId, rows] of byObject) {
    const obj = app?.objects.find((o) => o.id === objectId);
    const ops = new Set(rows.map((r) => r.op));
    const verb =
      ops.size === 1 && ops.has('insert')
        ? 'create'
        : ops.size === 1 && ops.has('delete')
          ? 'delete'
          : 'change';
    lines.push(`${verb} ${obj ? `${obj.kind} ${obj.name}` : objectId}`);
    for (const r of rows) {
      const cols = r.op === 'update' ? `: ${r.columns.join(', ')}` : '';
      lines.push(`    ${SIGN[r.op]} ${r.table} ${r.key}${cols}`);
    }
  }
  const count = (op: RowChange['op']) => changes.filter((c) => c.op === op).length;
  lines.push(
    `${byObject.size} objects; rows: ${count('insert')} to insert, ${count('update')} to update, ${count('delete')} to delete`,
  );
  return `${lines.join('\n')}\n`;
}

async function loadValid(file: string): Promise<{ app: Application } | CommandResult> {
  const parsed = parseApplication(await readDesignFile(file));
  const diagnostics = parsed.ok ? validate(parsed.app) : parsed.diagnostics;
  if (!parsed.ok || hasErrors(diagnostics)) {
    return {
      exitCode: EXIT.findings,
      stderr: `${file} has errors; nothing was sent to the controller:\n${formatDiagnostics(diagnostics)}\n`,
    };
  }
  return { app: parsed.app };
}

async function withDriver(
  remote: string,
  work: (driver: OvnDriver) => Promise<CommandResult>,
): Promise<CommandResult> {
  let driver: OvnDriver | undefined;
  try {
    driver = await OvnDriver.connect({ remote });
    return await work(driver);
  } catch (err) {
    if (err instanceof OvnError)
      return { exitCode: EXIT.controller, stderr: `${err.code}: ${err.message}\n` };
    throw err;
  } finally {
    driver?.close();
  }
}

const needController = (command: string): CommandResult => ({
  exitCode: EXIT.usage,
  stderr: `${command} needs --controller tcp:HOST:PORT (the OVN Northbound DB)\n`,
});

/** Loads a design that validates, connects to the controller, and runs `work` on both. */
async function withDesign(
  command: string,
  file: string,
  options: ControllerOptions,
  work: (app: Application, driver: OvnDriver, remote: string) => Promise<CommandResult>,
): Promise<CommandResult> {
  const remote = options.controller;
  if (!remote) return needController(command);
  const loaded = await loadValid(file);
  if (!('app' in loaded)) return loaded;
  return withDriver(remote, (driver) => work(loaded.app, driver, remote));
}

/** `plan FILE --controller URL`: what apply would change on the controller, changing nothing. */
export function planCommand(file: string, options: ControllerOptions): Promise<CommandResult> {
  return withDesign('plan', file, options, async (app, driver) => {
    const { changes } = await driver.plan(app);
    return {
      exitCode: EXIT.ok,
      stdout: options.json
        ? `${JSON.stringify({ changes }, null, 2)}\n`
        : formatRowChanges(app, changes),
    };
  });
}

/** `apply FILE --controller URL`: makes the controller hold the design, in one transaction. */
export function applyCommand(file: string, options: ControllerOptions): Promise<CommandResult> {
  return withDesign('apply', file, options, async (app, driver, remote) => {
    const result = await driver.apply(app);
    if (options.json) return { exitCode: EXIT.ok, stdout: `${JSON.stringify(result, null, 2)}\n` };
    const head = result.changed ? `applied ${app.name} to ${remote} in one transaction:\n` : '';
    return { exitCode: EXIT.ok, stdout: `${head}${formatRowChanges(app, result.changes)}` };
  });
}

/** `import --controller URL [--name NAME] [--tenant T] [--json]`: the NB's foreign rows as a design file. */
export async function importCommand(
  options: ControllerOptions & { name?: string | undefined; tenant?: string | undefined },
): Promise<CommandResult> {
  if (!options.controller) return needController('import');
  const name = options.name ?? 'imported';
  const id =
    name
      .toLowerCase()
      .replace(/[^a-z0-9_.-]+/g, '-')
      .replace(/^-+|-+$/g, '') || 'imported';
  return withDriver(options.controller, async (driver) => {
    const { app, notes } = await driver.importForeign({
      id,
      name,
      tenant: options.tenant ?? 'default',
    });
    const laidOut = { ...app, layout: autoLayout(app) };
    const stderr = [
      `imported ${app.objects.length} objects from ${options.controller}`,
      ...notes.map((n) => `note: ${n}`),
    ].join('\n');
    return {
      exitCode: EXIT.ok,
      stdout: options.json ? `${JSON.stringify(laidOut, null, 2)}\n` : stringify(laidOut),
      stderr: `${stderr}\n`,
    };
  });
}
