import { readFile } from 'node:fs/promises';
import { basename } from 'node:path';
import { describe, expect, it } from 'vitest';
import { emitSchemaTypes } from './emit.ts';

const GENERATED = [
  ['/usr/share/ovn/ovn-nb.ovsschema', '../nb.gen.ts'],
  ['/usr/share/ovn/ovn-sb.ovsschema', '../sb.gen.ts'],
  ['/usr/share/openvswitch/vswitch.ovsschema', '../vswitch.gen.ts'],
] as const;

describe('generated row types', () => {
  it.each(GENERATED)('%s matches the committed %s', async (schemaPath, generated) => {
    const schema: unknown = JSON.parse(await readFile(schemaPath, 'utf8'));
    const committed = await readFile(new URL(generated, import.meta.url), 'utf8');
    // if this fails, the installed schema changed: rerun src/codegen/generate.ts
    expect(emitSchemaTypes(schema, basename(schemaPath))).toBe(committed);
  });

  it('types every NB column verbatim with the expected shapes', async () => {
    const nb = await readFile(new URL('../nb.gen.ts', import.meta.url), 'utf8');
    expect(nb).toContain('export const SCHEMA_VERSION = "7.0.0";');
    expect(nb).toContain('export interface Logical_Switch_Port {');
    expect(nb).toContain('readonly ports: readonly Uuid[];');
    expect(nb).toContain('readonly external_ids: Readonly<Record<string, string>>;');
    expect(nb).toContain('readonly tag_request: number | null;');
    expect(nb).toMatch(/readonly direction: "from-lport" \| "to-lport";/);
  });
});
