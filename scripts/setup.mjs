// Bootstraps a fresh machine (Node 20 + npm) for the start and test commands.
import { execFileSync, spawnSync } from 'node:child_process';
import { existsSync, readFileSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';

export const root = join(dirname(fileURLToPath(import.meta.url)), '..');
const pinned = JSON.parse(readFileSync(join(root, 'package.json'), 'utf8')).packageManager.split(
  '@',
)[1];
const localTools = join(root, '.netcanvas', 'tools');

export function say(message) {
  process.stdout.write(`\x1b[1m[netcanvas]\x1b[0m ${message}\n`);
}

function version(cmd) {
  const r = spawnSync(cmd, ['--version'], { encoding: 'utf8' });
  return r.status === 0 ? r.stdout.trim() : undefined;
}

/** Runs a command with inherited stdio; exits with its status when it fails (unless `allowFail`). */
export function run(cmd, args, { allowFail = false, env } = {}) {
  const r = spawnSync(cmd, args, { cwd: root, stdio: 'inherit', env: { ...process.env, ...env } });
  if (r.status !== 0 && !allowFail) {
    say(`failed: ${cmd} ${args.join(' ')} (exit ${r.status ?? r.signal})`);
    process.exit(r.status ?? 1);
  }
  return r.status ?? 1;
}

export function checkNode() {
  const major = Number(process.versions.node.split('.')[0]);
  if (major < 20) {
    say(`Node ${process.versions.node} is too old: netcanvas needs Node 20 or newer`);
    process.exit(1);
  }
}

/** Makes the pinned pnpm available on PATH, installing it with npm when it is missing. */
export function ensurePnpm() {
  const localBin = join(localTools, 'node_modules', '.bin');
  process.env.PATH = `${localBin}:${process.env.PATH}`;
  if (version('pnpm') === pinned) return;
  say(`installing pnpm ${pinned} (npm install -g pnpm@${pinned})`);
  const global = spawnSync('npm', ['install', '-g', `pnpm@${pinned}`], { stdio: 'inherit' });
  if (global.status === 0 && version('pnpm') === pinned) return;
  say(`global install not possible; installing pnpm ${pinned} into .netcanvas/tools`);
  run('npm', ['install', '--prefix', localTools, '--no-save', `pnpm@${pinned}`]);
  if (version('pnpm') !== pinned) {
    say('could not make pnpm available');
    process.exit(1);
  }
}

export function installDependencies() {
  say('installing dependencies (pnpm install --frozen-lockfile)');
  run('pnpm', ['install', '--frozen-lockfile', '--reporter=append-only']);
}

/** Debian packages the tests use, with a binary that proves each one is there. */
const SYSTEM_PACKAGES = [
  ['ovn-central', '/usr/bin/ovn-northd'],
  ['ovn-host', '/usr/bin/ovn-controller'],
  ['openvswitch-switch', '/usr/sbin/ovs-vswitchd'],
  ['iputils-ping', '/usr/bin/ping'],
  ['iproute2', '/usr/sbin/ip'],
  ['openssl', '/usr/bin/openssl'],
  ['ethtool', '/usr/sbin/ethtool'],
  ['tshark', '/usr/bin/tshark'],
  ['chromium', '/usr/bin/chromium'],
];

/** Installs missing Debian packages through apt-get when root; otherwise says what is missing. */
export function ensureSystemPackages() {
  const missing = SYSTEM_PACKAGES.filter(([, bin]) => !existsSync(bin)).map(([pkg]) => pkg);
  if (missing.length === 0) return true;
  const isRoot = process.getuid?.() === 0;
  const hasApt = spawnSync('apt-get', ['--version']).status === 0;
  if (!isRoot || !hasApt) {
    say(`missing system packages: ${missing.join(' ')}`);
    say(
      `install them with: sudo apt-get install -y ${missing.join(' ')}  (tests that need them will fail)`,
    );
    return false;
  }
  say(`installing system packages with apt-get: ${missing.join(' ')}`);
  const env = { DEBIAN_FRONTEND: 'noninteractive' };
  run('apt-get', ['update', '-q'], { env });
  run('apt-get', ['install', '-y', '-q', '--no-install-recommends', ...missing], { env });
  return true;
}

export function pnpmPath() {
  return execFileSync('sh', ['-c', 'command -v pnpm'], { encoding: 'utf8' }).trim();
}
