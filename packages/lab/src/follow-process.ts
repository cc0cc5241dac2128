import { spawn } from 'node:child_process';
import { openSync } from 'node:fs';
import { join, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
import { MARKER_ENV, type StartedProcess } from './daemons.ts';
import { LabError } from './errors.ts';
import type { FollowTarget } from './follower.ts';
import type { LabSite } from './lab.ts';
import { readState, withStateLock, writeState } from './state.ts';

const SRC = fileURLToPath(new URL('.', import.meta.url));
const REPO = resolve(SRC, '../../..');

/**
 * Starts `pnpm lab agent` for a site in the background: it follows what netcanvas applies to
 * the site's controller and runs the workloads. Recorded in `lab.json`, so `lab down` stops
 * it by PID (first, before the namespaces go); its log is `<dir>/log/agent.log`.
 */
export async function startFollower(site: LabSite, target: FollowTarget): Promise<StartedProcess> {
  const state = await readState(site.config.dir);
  if (!state) {
    throw new LabError('not-up', `lab site ${site.config.site} is not up; run pnpm lab up first`);
  }
  const log = openSync(join(site.config.dir, 'log', 'agent.log'), 'a');
  const child = spawn(
    process.execPath,
    [
      '--import',
      'tsx',
      join(SRC, 'cli.ts'),
      'agent',
      '--site',
      site.config.site,
      '--dir',
      site.config.dir,
      '--nb-port',
      String(site.config.nbPort),
      '--sb-port',
      String(site.config.sbPort),
      '--ovs-port',
      String(site.config.ovsPort),
      '--server',
      target.server,
      '--tenant',
      target.tenant,
      '--controller',
      String(target.controllerId),
    ],
    {
      cwd: REPO,
      detached: true,
      stdio: ['ignore', log, log],
      // the token stays out of the command line (ps shows it to every user)
      env: { ...process.env, NETCANVAS_TOKEN: target.token, [MARKER_ENV]: site.marker },
    },
  );
  child.unref();
  if (!child.pid) throw new LabError('command-failed', 'could not start the lab agent');
  const proc: StartedProcess = { name: 'lab-agent', pid: child.pid, marker: site.marker };
  await withStateLock(site.config.dir, async () => {
    const now = (await readState(site.config.dir)) ?? state;
    now.processes.push(proc);
    await writeState(now);
  });
  return proc;
}
