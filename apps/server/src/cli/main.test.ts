import { spawnSync } from 'node:child_process';
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { startOvsdbServer } from '@netcanvas/ovsdb/testing';
import { afterAll, describe, expect, it, vi } from 'vitest';
import { parse, stringify } from 'yaml';
import { main } from './main.ts';

const dir = mkdtempSync(join(tmpdir(), 'netcanvas-cli-'));
afterAll(() => rmSync(dir, { recursive: true, force: true }));

/** Runs the CLI in-process, capturing what it prints and its exit status. */
async function cli(...args: string[]) {
  let out = '';
  let err = '';
  const o = vi.spyOn(process.stdout, 'write').mockImplementation((chunk) => {
    out += String(chunk);
    return true;
  });
  const e = vi.spyOn(process.stderr, 'write').mockImplementation((chunk) => {
    err += String(chunk);
    return true;
  });
  try {
    const code = await main(args);
    return { code, out, err };
  } finally {
    o.mockRestore();
    e.mockRestore();
  }
}

describe('netcanvas CLI', { timeout: 30_000 }, () => {
  it('prints every template as a design that validates with no errors, in YAML and JSON', async () => {
    const list = await cli('template');
    expect(list.code).toBe(0);
    const ids = list.out
      .trim()
      .split('\n')
      .map((l) => l.split(' ')[0]);
    expect(ids).toEqual(['three-tier', 'two-tier', 'empty']);
    for (const id of ids) {
      for (const [ext, flag] of [
        ['yaml', []],
        ['json', ['--json']],
      ] as const) {
        const file = join(dir, `${id}.${ext}`);
        const t = await cli('template', id ?? '', '--name', `My ${id}`, ...flag);
        expect(t.code).toBe(0);
        writeFileSync(file, t.out);
        const v = await cli('validate', file);
        expect(v.err).toBe('');
        expect(v.code).toBe(0);
        expect(v.out).toContain('0 errors, 0 warnings');
      }
    }
  });

  it('prints the diagnostics of a broken design and exits 1', async () => {
    const doc = parse((await cli('template', 'three-tier')).out);
    const db = doc.objects.find((o: { id: string }) => o.id === 'db-1');
    db.nics[0].ip = '10.0.4.11';
    const router = doc.objects.find((o: { id: string }) => o.id === 'lr-edge');
    router.interfaces.push({ switch: 'ls-web', ip: '10.0.1.254' });
    const file = join(dir, 'broken.yaml');
    writeFileSync(file, stringify(doc));
    const v = await cli('validate', file);
    expect(v.code).toBe(1);
    expect(v.err).toContain('2 errors');
    expect(v.err).toContain('db-1 nics.0.ip  [address-outside-subnet]');
    expect(v.err).toContain('[router-attached-twice]');
    const json = await cli('validate', file, '--json');
    expect(json.code).toBe(1);
    expect(
      JSON.parse(json.out)
        .diagnostics.map((d: { code: string }) => d.code)
        .sort(),
    ).toEqual(['address-outside-subnet', 'router-attached-twice']);
  });

  it('explains malformed files and shape errors', async () => {
    const bad = join(dir, 'bad.yaml');
    writeFileSync(bad, 'id: a\nobjects:\n  - id: x\n   kind: switch\n');
    const r = await cli('validate', bad);
    expect(r.code).toBe(2);
    expect(r.err).toMatch(/not valid YAML \(line \d+, column \d+\)/);
    const shape = join(dir, 'shape.json');
    writeFileSync(
      shape,
      JSON.stringify({
        id: 'a',
        name: 'a',
        objects: [{ id: 'sw', kind: 'switch', name: 's', mtu: 'big' }],
      }),
    );
    const s = await cli('validate', shape);
    expect(s.code).toBe(1);
    expect(s.err).toContain('sw mtu  [schema]');
    expect((await cli('validate', join(dir, 'missing.yaml'))).err).toContain('ENOENT');
  });

  it('traces a packet through a design', async () => {
    const file = join(dir, 'three-tier.yaml');
    writeFileSync(file, (await cli('template', 'three-tier')).out);
    const ok = await cli('what-if', file, '--from', 'web-1', '--to', 'app-1', '--port', '8080');
    expect(ok.out).toMatch(/^DELIVERED: rule web to app of tiers allows it/);
    const no = await cli('what-if', file, '--from', 'web-1', '--to', 'db-1', '--port', '5432');
    expect(no.out).toMatch(/^DROPPED: rule everything else of tiers drops it/);
  });

  it('plans and applies a design to a real OVN NB, then has nothing left to do', async () => {
    const nb = await startOvsdbServer();
    try {
      const file = join(dir, 'shop.yaml');
      writeFileSync(file, (await cli('template', 'three-tier', '--name', 'shop')).out);
      const plan = await cli('plan', file, '--controller', nb.tcpRemote);
      expect(plan.code).toBe(0);
      expect(plan.out).toContain('create switch web');
      expect(plan.out).toMatch(/rows: 36 to insert, 0 to update, 0 to delete/);
      expect(await nb.nbctl('ls-list')).toBe('');
      const apply = await cli('apply', file, '--controller', nb.tcpRemote);
      expect(apply.code).toBe(0);
      expect(await nb.nbctl('ls-list')).toContain('default.shop.ls-web');
      expect((await cli('plan', file, '--controller', nb.tcpRemote)).out).toContain('no changes');

      const doc = parse((await cli('template', 'three-tier', '--name', 'shop')).out);
      doc.objects.find((o: { id: string }) => o.id === 'db-1').nics[0].ip = '10.9.9.9';
      const broken = join(dir, 'shop-broken.yaml');
      writeFileSync(broken, stringify(doc));
      const refused = await cli('apply', broken, '--controller', nb.tcpRemote);
      expect(refused.code).toBe(1);
      expect(refused.err).toContain('nothing was sent to the controller');
      expect(await nb.nbctl('lsp-get-addresses', 'default.shop.db-1.eth0')).toContain('10.0.3.11');
    } finally {
      await nb.stop();
    }
    const down = await cli('plan', join(dir, 'shop.yaml'), '--controller', 'tcp:127.0.0.1:1');
    expect(down.code).toBe(4);
    expect(down.err).toContain('controller-unreachable');
  });

  it('runs as a process, the way pnpm netcanvas starts it', () => {
    const r = spawnSync(
      process.execPath,
      [
        '--import',
        'tsx',
        join(import.meta.dirname, 'main.ts'),
        'validate',
        join(dir, 'missing.yaml'),
      ],
      { encoding: 'utf8' },
    );
    expect(r.status).toBe(2);
    expect(r.stderr).toContain('cannot read');
  });

  it('imports a hand-built NB as a design file that validates', async () => {
    const nb = await startOvsdbServer();
    try {
      await nb.nbctl('ls-add', 'lab');
      await nb.nbctl('lsp-add', 'lab', 'vm1');
      await nb.nbctl('lsp-set-addresses', 'vm1', '50:54:00:00:00:01 10.7.0.11');
      const r = await cli('import', '--controller', nb.tcpRemote, '--name', 'Lab net');
      expect(r.code).toBe(0);
      expect(r.err).toContain('imported 2 objects');
      const file = join(dir, 'lab.yaml');
      writeFileSync(file, r.out);
      const doc = parse(r.out);
      expect(doc.id).toBe('lab-net');
      expect(Object.keys(doc.layout.positions).sort()).toEqual(['lab', 'vm1']);
      expect((await cli('validate', file)).code).toBe(0);
    } finally {
      await nb.stop();
    }
    expect((await cli('frobnicate')).code).toBe(2);
  });
});
