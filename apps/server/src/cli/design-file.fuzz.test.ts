import { parseApplication } from '@netcanvas/model';
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { stringify } from 'yaml';
import { threeTier } from '../test-world.ts';
import { DesignFileError, parseDesignText } from './design-file.ts';

/** Parses then shapes a design file; anything but a value or a coded refusal fails. */
function importOrCoded(text: string, fileName: string): 'imported' | 'refused' {
  try {
    const doc = parseDesignText(text, fileName);
    const result = parseApplication(doc);
    if (!result.ok) {
      expect(result.diagnostics.length).toBeGreaterThan(0);
      for (const d of result.diagnostics) expect(d.code).toBe('schema');
      return 'refused';
    }
    return 'imported';
  } catch (err) {
    if (!(err instanceof DesignFileError)) throw err;
    expect(err.code).toBe('malformed');
    expect(err.message).toContain(fileName);
    return 'refused';
  }
}

const yamlText = stringify(threeTier());
const jsonText = JSON.stringify(threeTier(), null, 2);

describe('design-file importer robustness', { timeout: 30_000 }, () => {
  it('imports the real design as YAML and JSON', () => {
    expect(importOrCoded(yamlText, 'shop.yaml')).toBe('imported');
    expect(importOrCoded(jsonText, 'shop.json')).toBe('imported');
  });

  it('refuses random text, truncations and byte flips of real files with a coded error, never a throw', () => {
    fc.assert(
      fc.property(
        fc.oneof(
          fc.string({ maxLength: 500 }),
          fc.nat(yamlText.length).map((n) => yamlText.slice(0, n)),
          fc.nat(jsonText.length).map((n) => jsonText.slice(0, n)),
          fc
            .tuple(fc.nat(yamlText.length - 1), fc.string({ minLength: 1, maxLength: 3 }))
            .map(([at, s]) => yamlText.slice(0, at) + s + yamlText.slice(at + 1)),
        ),
        fc.constantFrom('a.yaml', 'a.json', 'a.yml'),
        (text, name) => {
          importOrCoded(text, name);
        },
      ),
      { numRuns: 250, seed: 10 },
    );
  });

  it('refuses alias bombs, deep nesting and duplicate keys quickly', () => {
    const bomb = [
      'a: &a ["x","x","x","x","x","x","x","x","x"]',
      ...Array.from({ length: 12 }, (_, i) => {
        const prev = i === 0 ? 'a' : `l${i - 1}`;
        return `l${i}: &l${i} [*${prev},*${prev},*${prev},*${prev},*${prev},*${prev},*${prev},*${prev},*${prev}]`;
      }),
    ].join('\n');
    expect(importOrCoded(bomb, 'bomb.yaml')).toBe('refused');
    expect(importOrCoded(`${'['.repeat(50_000)}${']'.repeat(50_000)}`, 'deep.json')).toBe(
      'refused',
    );
    expect(importOrCoded(`${'- '.repeat(2000)}x`, 'deep.yaml')).toBe('refused');
    expect(importOrCoded('id: a\nid: b\n', 'dup.yaml')).toBe('refused');
  });
});
