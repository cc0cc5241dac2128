/** `pnpm lab up|down|status|sync|remove|traffic [--site a|b]`: see README.md. */
import { readFile } from 'node:fs/promises';
import { type Application, parseApplication } from '@netcanvas/model';
import { parse } from 'yaml';
import { parseLabArgs } from './cli-args.ts';
import { LabError } from './errors.ts';
import { startFollower } from './follow-process.ts';
import { resolveFollowTarget, SiteFollower } from './follower.ts';
import { LabSite, type LabStatus } from './lab.ts';
import { registerCommand, registerSite, siteRegistration } from './register.ts';
import { parseTrafficProfile } from './traffic.ts';
import { LabAgent } from './workloads.ts';

async function main(argv: readonly string[]): Promise<void> {
  const { command, config, rest, json, register, name, follow } = parseLabArgs(argv);
  const site = new LabSite(config);
  const print = (human: string, data: unknown) =>
    console.log(json ? JSON.stringify(data, null, 2) : human);
  switch (command) {
    case 'up': {
      const status = await site.up();
      const registration = siteRegistration({
        name,
        nbRemote: status.nbRemote,
        sbRemote: status.sbRemote,
        ovsRemote: status.ovsRemote,
        sflowAgent: site.names.sflowNsIp,
      });
      const sflow = `sFlow from br-int goes to ${config.sflowCollector.host}:${config.sflowCollector.port}`;
      if (!register) {
        print(
          `${describe(status)}\n\n${sflow}. Register this site in netcanvas (an admin token of the tenant in NETCANVAS_TOKEN):\n` +
            `  ${registerCommand(registration)}\nor run up with --register http://127.0.0.1:8080 --token nct_…`,
          { ...status, registration },
        );
        return;
      }
      const registered = await registerSite(registration, register).catch((error: unknown) => {
        const why = error instanceof LabError ? error.message : (error as Error).message;
        throw new LabError(
          'command-failed',
          `lab site ${config.site} is up, but registering it in netcanvas failed: ${why}`,
          { cause: error },
        );
      });
      const agent = await startFollower(site, {
        server: register.server,
        token: register.token,
        tenant: registered.tenant,
        controllerId: registered.id,
      });
      print(
        `${describe(status)}\n\n${sflow}; registered in ${register.server} as controller "${name}" (#${registered.id}) of tenant ${registered.tenant}.\n` +
          `The lab agent (pid ${agent.pid}) runs the workloads of every app applied to it; log: ${config.dir}/log/agent.log`,
        { ...status, registration, registered, agent },
      );
      return;
    }
    case 'agent': {
      if (!follow) throw new LabError('bad-argument', 'agent needs --server URL');
      const target = await resolveFollowTarget(follow, name);
      const stop = new AbortController();
      process.once('SIGTERM', () => stop.abort());
      process.once('SIGINT', () => stop.abort());
      const log = (line: string) => console.log(`${new Date().toISOString()} ${line}`);
      log(
        `following ${target.server}: apps of tenant ${target.tenant} applied to controller #${target.controllerId} run on lab site ${config.site}`,
      );
      await new SiteFollower(target, new LabAgent(site), log).run(stop.signal);
      return;
    }
    case 'down': {
      const report = await site.down();
      const none = report.stopped.length + report.namespaces.length === 0;
      print(
        none
          ? `lab site ${config.site}: nothing to stop in ${config.dir}`
          : `lab site ${config.site} down: stopped ${report.stopped.join(', ') || 'nothing'}; removed namespaces ${report.namespaces.join(', ') || 'none'}`,
        report,
      );
      return;
    }
    case 'status': {
      const status = await site.status();
      print(describe(status), status);
      return;
    }
    case 'sync':
    case 'remove': {
      const app = await readApp(rest[0]);
      const agent = new LabAgent(site);
      const report = command === 'sync' ? await agent.sync(app) : await agent.remove(app);
      print(
        `created: ${report.created.join(' ') || '-'}; removed: ${report.removed.join(' ') || '-'}; unchanged: ${report.unchanged.join(' ') || '-'}; traffic: ${report.traffic.join(' ') || '-'}`,
        report,
      );
      return;
    }
    case 'traffic': {
      const [file, workload, ...words] = rest;
      if (!workload || words.length === 0) {
        throw new LabError('bad-argument', 'usage: pnpm lab traffic APP.json WORKLOAD PROFILE...');
      }
      const app = await readApp(file);
      const pid = await new LabAgent(site).startTraffic(
        app,
        workload,
        parseTrafficProfile(words.join(' ')),
      );
      print(`${workload}: ${words.join(' ')} (pid ${pid})`, { pid });
      return;
    }
  }
}

async function readApp(file: string | undefined): Promise<Application> {
  if (!file)
    throw new LabError(
      'bad-argument',
      'name the design file (JSON or YAML, as `pnpm netcanvas template` or the console writes it)',
    );
  let input: unknown;
  try {
    // YAML is a superset of JSON: design files in either form
    input = parse(await readFile(file, 'utf8'));
  } catch (cause) {
    throw new LabError('bad-argument', `cannot read ${file}: ${(cause as Error).message}`, {
      cause,
    });
  }
  const parsed = parseApplication(input);
  if (!parsed.ok) {
    throw new LabError(
      'bad-argument',
      `${file} is not an application: ${parsed.diagnostics.map((d) => d.message).join('; ')}`,
    );
  }
  return parsed.app;
}

function describe(s: LabStatus): string {
  if (!s.up) return `lab site ${s.site}: down (nothing recorded in ${s.dir}/lab.json)`;
  const lines = [`lab site ${s.site} (${s.dir})`];
  for (const p of s.processes)
    lines.push(`  ${p.running ? 'running' : 'STOPPED'}  ${p.name} (pid ${p.pid})`);
  for (const n of s.namespaces) lines.push(`  ${n.exists ? 'netns  ' : 'MISSING'}  ${n.name}`);
  lines.push(
    `  chassis in SB: ${s.chassis.join(', ') || 'none'}${s.chassisRegistered ? '' : ' (the lab chassis is NOT registered)'}`,
  );
  lines.push(`  workload namespaces: ${s.workloads}`);
  lines.push(`  NB ${s.nbRemote}  SB ${s.sbRemote}  OVS ${s.ovsRemote}`);
  return lines.join('\n');
}

main(process.argv.slice(2)).catch((error: unknown) => {
  const message =
    error instanceof LabError ? error.message : `unexpected error: ${(error as Error).message}`;
  console.error(`lab: ${message}`);
  process.exitCode = 1;
});
