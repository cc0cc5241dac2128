import { spawnSync } from 'node:child_process';
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { parse, stringify } from 'yaml';

const dir = mkdtempSync(join(tmpdir(), 'netcanvas-cli-'));
afterAll(() => rmSync(dir, { recursive: true, force: true }));

/** Runs the CLI the way `pnpm netcanvas` does: a fresh process through tsx. */
function cli(...args: string[]) {
  const r = spawnSync(process.execPath, ['--import', 'tsx', join(import.meta.dirname, 'main.ts'), ...args], {
    encoding: 'utf8',
  });
  return { code: r.status, out: r.stdout, err: r.stderr };
}

// each case starts fresh CLI processes (~0.5 s each)
describe('netcanvas CLI', { timeout: 30_000 }, () => {
  it('prints every template as a design that validates with no errors, in YAML and JSON', () => {
    const list = cli('template');
    expect(list.code).toBe(0);
    const ids = list.out.trim().split('\n').map((l) => l.split(' ')[0]);
    expect(ids).toEqual(['three-tier', 'two-tier', 'empty']);
    for (const id of ids) {
      for (const [ext, flag] of [['yaml', []], ['json', ['--json']]] as const) {
        const file = join(dir, `${id}.${ext}`);
        const t = cli('template', id ?? '', '--name', `My ${id}`, ...flag);
        expect(t.code).toBe(0);
        writeFileSync(file, t.out);
        const v = cli('validate', file);
        expect(v.err).toBe('');
        expect(v.code).toBe(0);
        expect(v.out).toContain('0 errors, 0 warnings');
      }
    }
  });

  it('prints the diagnostics of a broken design and exits 1', () => {
    const doc = parse(cli('template', 'three-tier').out);
    const db = doc.objects.find((o: { id: string }) => o.id === 'db-1');
    db.nics[0].ip = '10.0.4.11';
    const router = doc.objects.find((o: { id: string }) => o.id === 'lr-edge');
    router.interfaces.push({ switch: 'ls-web', ip: '10.0.1.254' });
    const file = join(dir, 'broken.yaml');
    writeFileSync(file, stringify(doc));
    const v = cli('validate', file);
    expect(v.code).toBe(1);
    expect(v.err).toContain('2 errors');
    expect(v.err).toContain('db-1 nics.0.ip  [address-outside-subnet]');
    expect(v.err).toContain('[router-attached-twice]');
    const json = cli('validate', file, '--json');
    expect(json.code).toBe(1);
    expect(JSON.parse(json.out).diagnostics.map((d: { code: string }) => d.code).sort()).toEqual([
      'address-outside-subnet',
      'router-attached-twice',
    ]);
  });

  it('explains malformed files and shape errors', () => {
    const bad = join(dir, 'bad.yaml');
    writeFileSync(bad, 'id: a\nobjects:\n  - id: x\n   kind: switch\n');
    const r = cli('validate', bad);
    expect(r.code).toBe(2);
    expect(r.err).toMatch(/not valid YAML \(line \d+, column \d+\)/);
    const shape = join(dir, 'shape.json');
    writeFileSync(shape, JSON.stringify({ id: 'a', name: 'a', objects: [{ id: 'sw', kind: 'switch', name: 's', mtu: 'big' }] }));
    const s = cli('validate', shape);
    expect(s.code).toBe(1);
    expect(s.err).toContain('sw mtu  [schema]');
    expect(cli('validate', join(dir, 'missing.yaml')).err).toContain('ENOENT');
  });

  it('traces a packet through a design', () => {
    const file = join(dir, 'three-tier.yaml');
    writeFileSync(file, cli('template', 'three-tier').out);
    const ok = cli('what-if', file, '--from', 'web-1', '--to', 'app-1', '--port', '8080');
    expect(ok.out).toMatch(/^DELIVERED: rule web to app of tiers allows it/);
    const no = cli('what-if', file, '--from', 'web-1', '--to', 'db-1', '--port', '5432');
    expect(no.out).toMatch(/^DROPPED: rule everything else of tiers drops it/);
  });

  it('says plainly which commands are not available yet', () => {
    for (const cmd of ['plan', 'apply', 'import']) {
      const r = cli(cmd, 'x.yaml', '--controller', 'tcp:127.0.0.1:6641');
      expect(r.code).toBe(3);
      expect(r.err).toContain('not available yet');
    }
    expect(cli('frobnicate').code).toBe(2);
  });
});
