import { mkdtemp, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { allocateAddresses, createSnapshot, templateById } from '@netcanvas/model';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { stringify } from 'yaml';
import { EXIT } from '../output.ts';
import { snapshotCommand } from './snapshot.ts';

const app = allocateAddresses(
  templateById('three-tier').build({ id: 'shop', name: 'shop', tenant: 'acme' }),
);
const controller = { kind: 'ovn', remote: 'tcp:127.0.0.1:6641', stateVersion: 'x' };
const snapA = createSnapshot({ app, createdBy: 'alice', controller });
const snapB = createSnapshot({
  app: { ...app, objects: app.objects.filter((o) => o.id !== 'db-1') },
  createdBy: 'alice',
  controller,
});

describe('snapshot CLI (files)', () => {
  let dir: string;
  const file = (name: string) => join(dir, name);
  beforeAll(async () => {
    dir = await mkdtemp(join(tmpdir(), 'netcanvas-snap-'));
    await writeFile(file('a.yaml'), stringify(snapA));
    await writeFile(file('b.json'), JSON.stringify(snapB));
    await writeFile(file('tampered.yaml'), stringify({ ...snapA, createdBy: 'mallory' }));
    await writeFile(file('newer.yaml'), stringify({ ...snapA, schemaVersion: 99 }));
  });
  afterAll(() => rm(dir, { recursive: true, force: true }));

  it('verifies a good file and refuses a tampered or newer one', async () => {
    const ok = await snapshotCommand(['verify', file('a.yaml')], {});
    expect(ok.exitCode).toBe(EXIT.ok);
    expect(ok.stdout).toContain(snapA.id);
    const bad = await snapshotCommand(['verify', file('tampered.yaml')], {});
    expect(bad).toMatchObject({ exitCode: EXIT.findings });
    expect(bad.stderr).toContain('bad-checksum');
    const newer = await snapshotCommand(['verify', file('newer.yaml')], {});
    expect(newer.stderr).toContain('newer-schema');
  });

  it('diffs two snapshot files as a readable plan', async () => {
    const out = await snapshotCommand(['diff', file('a.yaml'), file('b.json')], {});
    expect(out.exitCode).toBe(EXIT.ok);
    expect(out.stdout).toContain('- workload db-1 (db-1)');
    expect(out.stdout).toContain('0 to create, 0 to change, 1 to delete');
  });

  it('says what restore needs', async () => {
    const out = await snapshotCommand(['restore', file('a.yaml')], {});
    expect(out.exitCode).toBe(EXIT.usage);
  });
});
