import { readFile } from 'node:fs/promises';
import { extname } from 'node:path';
import { parseDocument } from 'yaml';

/** A design file that could not be read or parsed: what and where. */
export class DesignFileError extends Error {
  readonly code: 'unreadable' | 'malformed';

  constructor(code: 'unreadable' | 'malformed', message: string, options?: { cause?: unknown }) {
    super(message, options);
    this.name = 'DesignFileError';
    this.code = code;
  }
}

/** Parses design text as JSON (by extension or a leading brace) or YAML, with positions in errors. */
export function parseDesignText(text: string, fileName: string): unknown {
  const json = extname(fileName).toLowerCase() === '.json' || /^\s*[{[]/.test(text);
  if (json) {
    try {
      return JSON.parse(text);
    } catch (cause) {
      throw new DesignFileError(
        'malformed',
        `${fileName} is not valid JSON: ${(cause as Error).message}`,
        { cause },
      );
    }
  }
  const doc = parseDocument(text, { prettyErrors: true, uniqueKeys: true });
  const [first] = doc.errors;
  if (first) {
    const where = first.linePos?.[0];
    const at = where ? `line ${where.line}, column ${where.col}` : 'somewhere';
    throw new DesignFileError(
      'malformed',
      `${fileName} is not valid YAML (${at}): ${first.message.split('\n')[0]}`,
    );
  }
  try {
    return doc.toJS({ maxAliasCount: 100 });
  } catch (cause) {
    // an alias bomb: yaml refuses to expand it, and so do we, as a malformed file
    throw new DesignFileError(
      'malformed',
      `${fileName} cannot be expanded: ${(cause as Error).message}`,
      { cause },
    );
  }
}

/** Reads and parses a design file (JSON or YAML). */
export async function readDesignFile(path: string): Promise<unknown> {
  let text: string;
  try {
    text = await readFile(path, 'utf8');
  } catch (cause) {
    throw new DesignFileError(
      'unreadable',
      `cannot read ${path}: ${(cause as NodeJS.ErrnoException).code ?? String(cause)}`,
      { cause },
    );
  }
  return parseDesignText(text, path);
}
