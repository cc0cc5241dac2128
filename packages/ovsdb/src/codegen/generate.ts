/**
 * Writes typed rows for an OVSDB schema:
 *   pnpm --filter @netcanvas/ovsdb exec tsx src/codegen/generate.ts SCHEMA OUT.gen.ts
 */
import { readFile, writeFile } from 'node:fs/promises';
import { basename } from 'node:path';
import { emitSchemaTypes } from './emit.ts';

const [schemaPath, outPath] = process.argv.slice(2);
if (!schemaPath || !outPath) {
  process.stderr.write('usage: generate.ts SCHEMA.ovsschema OUT.gen.ts\n');
  process.exit(2);
}
const schema: unknown = JSON.parse(await readFile(schemaPath, 'utf8'));
await writeFile(outPath, emitSchemaTypes(schema, basename(schemaPath)));
process.stdout.write(`wrote ${outPath}\n`);
