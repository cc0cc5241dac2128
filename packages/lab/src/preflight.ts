import { spawnSync } from 'node:child_process';
import { createServer } from 'node:net';
import { LabError } from './errors.ts';

/** Every program the lab runs, and the Debian package that ships it. */
export const REQUIRED_PROGRAMS: Readonly<Record<string, string>> = {
  'ovsdb-tool': 'openvswitch-switch',
  'ovsdb-server': 'openvswitch-switch',
  'ovs-vswitchd': 'openvswitch-switch',
  'ovs-vsctl': 'openvswitch-switch',
  'ovn-northd': 'ovn-central',
  'ovn-nbctl': 'ovn-central',
  'ovn-sbctl': 'ovn-central',
  'ovn-controller': 'ovn-host',
  ip: 'iproute2',
  ethtool: 'ethtool',
  ping: 'iputils-ping',
};

/** True when `program` is on the PATH. */
export function hasProgram(program: string): boolean {
  return spawnSync('which', [program], { stdio: 'ignore' }).status === 0;
}

/** Programs of {@link REQUIRED_PROGRAMS} that are missing. */
export function missingPrograms(): string[] {
  return Object.keys(REQUIRED_PROGRAMS).filter((p) => !hasProgram(p));
}

/** Throws `not-root` or `missing-package` (with the apt-get line that fixes it). */
export function checkHost(): void {
  if (process.getuid?.() !== 0) {
    throw new LabError(
      'not-root',
      'the lab needs root (network namespaces, veth and tap devices): run it with sudo, e.g. `sudo pnpm lab up`',
    );
  }
  const missing = missingPrograms();
  if (missing.length > 0) {
    const packages = [...new Set(missing.map((p) => REQUIRED_PROGRAMS[p]))].sort();
    throw new LabError(
      'missing-package',
      `missing ${missing.join(', ')}; install with: apt-get update && DEBIAN_FRONTEND=noninteractive apt-get install -y ${packages.join(' ')}`,
      { details: { missing, packages } },
    );
  }
}

/** True when nothing listens on 127.0.0.1:`port` (we can bind it). */
export function portIsFree(port: number): Promise<boolean> {
  return new Promise((resolve) => {
    const server = createServer();
    server.once('error', () => resolve(false));
    server.listen(port, '127.0.0.1', () => server.close(() => resolve(true)));
  });
}

/** Throws `port-in-use` naming every taken port of `ports`. */
export async function checkPorts(ports: Readonly<Record<string, number>>): Promise<void> {
  const taken: string[] = [];
  for (const [what, port] of Object.entries(ports)) {
    if (!(await portIsFree(port))) taken.push(`${what} 127.0.0.1:${port}`);
  }
  if (taken.length > 0) {
    throw new LabError(
      'port-in-use',
      `${taken.join(', ')} ${taken.length === 1 ? 'is' : 'are'} in use by another process; stop it (\`ss -ltnp\` shows which) or choose other ports (--nb-port, --sb-port, --ovs-port)`,
      { details: { taken } },
    );
  }
}
