import { templateById, templates } from '@netcanvas/model';
import { stringify } from 'yaml';
import { type CommandResult, EXIT } from '../output.ts';

/** `template [ID] [--name N] [--json]`: lists templates, or prints one as a design file. */
export function templateCommand(
  id: string | undefined,
  options: { name?: string; json: boolean },
): CommandResult {
  if (id === undefined) {
    const rows = templates.map((t) => `${t.id.padEnd(12)} ${t.name} — ${t.description}`);
    return { exitCode: EXIT.ok, stdout: `${rows.join('\n')}\n` };
  }
  const name = options.name ?? id;
  const appId =
    name
      .toLowerCase()
      .replace(/[^a-z0-9_.-]+/g, '-')
      .replace(/^-+|-+$/g, '') || 'app';
  const app = templateById(id).build({ id: appId, name, tenant: 'default' });
  return {
    exitCode: EXIT.ok,
    stdout: options.json ? `${JSON.stringify(app, null, 2)}\n` : stringify(app),
  };
}
