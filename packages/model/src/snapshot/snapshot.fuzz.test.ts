import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { allocateAddresses } from '../ipam.ts';
import { templateById } from '../templates/index.ts';
import { canonicalJson } from './canonical-json.ts';
import { createSnapshot, verifySnapshot } from './snapshot.ts';

const app = allocateAddresses(
  templateById('three-tier').build({ id: 'shop', name: 'shop', tenant: 'acme' }),
);
const real = createSnapshot({
  app,
  createdBy: 'alice',
  controller: { kind: 'ovn', remote: 'tcp:127.0.0.1:6641', stateVersion: 'abc' },
  createdAt: '2025-01-01T00:00:00Z',
});
const text = JSON.stringify(real);

/**
 * Verifies, failing on anything but a result: a throw would take down an import request.
 * (A pathological input that hangs would fail on the test's timeout; speed is for benchmarks.)
 */
function verifyOrCoded(doc: unknown) {
  const check = verifySnapshot(doc);
  if (!check.ok) {
    expect(['bad-checksum', 'newer-schema', 'malformed']).toContain(check.code);
    expect(check.message.length).toBeGreaterThan(10);
  }
  return check;
}

/** Every path to a value inside a JSON document. */
function paths(value: unknown, at: (string | number)[] = []): (string | number)[][] {
  if (value === null || typeof value !== 'object') return [at];
  const keys = Array.isArray(value) ? value.map((_, i) => i) : Object.keys(value);
  return [at, ...keys.flatMap((k) => paths((value as Record<string, unknown>)[k], [...at, k]))];
}
const allPaths = paths(real).filter((p) => p.length > 0);

function setAt(doc: unknown, path: (string | number)[], value: unknown, remove: boolean): unknown {
  const copy = structuredClone(doc) as Record<string | number, unknown>;
  let node = copy;
  for (const key of path.slice(0, -1)) node = node[key] as Record<string | number, unknown>;
  const last = path[path.length - 1] as string | number;
  if (remove) delete node[last];
  else node[last] = value;
  return copy;
}

describe('snapshot importer robustness', { timeout: 30_000 }, () => {
  it('accepts the real snapshot and refuses any one value changed with a coded reason', () => {
    expect(verifyOrCoded(JSON.parse(text)).ok).toBe(true);
    fc.assert(
      fc.property(
        fc.constantFrom(...allPaths),
        fc.oneof(
          fc.jsonValue({ maxDepth: 3 }),
          fc.constantFrom(null, -1, '', [], {}, 1e308, '<script>x</script>', 2 ** 53),
        ),
        fc.boolean(),
        (path, value, remove) => {
          const doc = setAt(JSON.parse(text), path, value, remove);
          const check = verifyOrCoded(doc);
          // a change either was refused or did not change the content (same value, or the id)
          if (check.ok)
            expect(check.snapshot.id === real.id || path[0] === 'schemaVersion').toBe(true);
        },
      ),
      { numRuns: 500, seed: 10 },
    );
  });

  it('refuses type-confused, deeply nested and oversized documents without throwing', () => {
    fc.assert(
      fc.property(
        fc.oneof(
          fc.anything({ maxDepth: 4 }),
          fc.integer({ min: 1, max: 5000 }).map((d) => JSON.parse('['.repeat(d) + ']'.repeat(d))),
          fc.integer({ min: 1, max: 2000 }).map((d) => ({
            ...real,
            app: JSON.parse(`${'{"a":'.repeat(d)}1${'}'.repeat(d)}`),
          })),
        ),
        (doc) => {
          expect(verifyOrCoded(doc).ok).toBe(false);
        },
      ),
      { numRuns: 200, seed: 10 },
    );
    const huge = {
      ...real,
      app: { ...real.app, objects: Array(20_000).fill(real.app.objects[0]) },
    };
    expect(verifyOrCoded(huge)).toMatchObject({ ok: false, code: 'bad-checksum' });
  });

  it('refuses any byte flip of the document text that still parses', () => {
    fc.assert(
      fc.property(fc.nat(text.length - 1), fc.integer({ min: 32, max: 126 }), (at, code) => {
        const mutated = text.slice(0, at) + String.fromCharCode(code) + text.slice(at + 1);
        let doc: unknown;
        try {
          doc = JSON.parse(mutated);
        } catch {
          return;
        }
        const check = verifyOrCoded(doc);
        if (check.ok) expect(canonicalJson(check.snapshot)).toBe(canonicalJson(real));
      }),
      { numRuns: 500, seed: 10 },
    );
  });
});
