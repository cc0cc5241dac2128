import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { templateById } from '@netcanvas/model';
import { SandboxController } from '@netcanvas/sandbox';
import { afterAll, describe, expect, it } from 'vitest';
import { openDatabase } from '../store/db.ts';
import { SqliteSandboxStore } from './sandbox-store.ts';

const dir = mkdtempSync(join(tmpdir(), 'netcanvas-sandbox-store-'));
afterAll(() => rmSync(dir, { recursive: true, force: true }));

describe('the sandbox keeps what it applied in the server store', () => {
  it('survives a restart: a reopened store still holds the app and its revision', async () => {
    const app = templateById('two-tier').build({ id: 'shop', name: 'shop', tenant: 'acme' });
    const first = openDatabase(dir);
    const sandbox = new SandboxController({ store: new SqliteSandboxStore(first) });
    await sandbox.commit(await sandbox.plan(app));
    first.close();

    const again = new SandboxController({ store: new SqliteSandboxStore(openDatabase(dir)) });
    const stored = again.read(app);
    expect(stored?.revision).toBe(1);
    expect(stored?.app.objects.map((o) => o.id).sort()).toEqual(
      app.objects.map((o) => o.id).sort(),
    );
    expect((await again.plan(app)).changes).toEqual([]);
    await again.remove(app);
    expect(again.read(app)).toBeUndefined();
  });
});
