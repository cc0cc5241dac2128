import { type Application, formatCidr, type NetworkObject, parseCidr } from '@netcanvas/model';
import { list, map, num, str } from './import/nb-snapshot.ts';
import { EXT } from './names.ts';
import type { ActualRow } from './reconcile.ts';
import { renderApplication } from './render/render.ts';
import type { DesiredRow } from './render/rows.ts';

export { list, map, num, str };

/** One app's rows indexed by `netcanvas:key` and UUID, plus what the design renders. */
export class ReadBackRows {
  readonly rows: readonly ActualRow[];
  readonly design: Application | undefined;
  readonly #byKey = new Map<string, ActualRow>();
  readonly #byUuid = new Map<string, ActualRow>();
  readonly #rendered = new Map<string, DesiredRow>();
  readonly #designObjects = new Map<string, NetworkObject>();

  constructor(rows: readonly ActualRow[], design: Application | undefined) {
    this.rows = rows;
    this.design = design;
    for (const r of rows) {
      this.#byUuid.set(r.uuid, r);
      const key = keyOf(r);
      if (key) this.#byKey.set(key, r);
    }
    if (design) {
      for (const o of design.objects) this.#designObjects.set(o.id, o);
      for (const d of renderApplication(design)) this.#rendered.set(d.key, d);
    }
  }

  get(key: string): ActualRow | undefined {
    return this.#byKey.get(key);
  }

  uuid(uuid: string): ActualRow | undefined {
    return this.#byUuid.get(uuid);
  }

  /** rows whose key starts with `prefix`, with the rest of the key split on `/` */
  withPrefix(prefix: string): { row: ActualRow; parts: string[] }[] {
    const out: { row: ActualRow; parts: string[] }[] = [];
    for (const [key, row] of this.#byKey)
      if (key.startsWith(prefix)) out.push({ row, parts: key.slice(prefix.length).split('/') });
    return out;
  }

  /** the design's object of that id and kind */
  designed<K extends NetworkObject['kind']>(
    id: string,
    kind: K,
  ): Extract<NetworkObject, { kind: K }> | undefined {
    const o = this.#designObjects.get(id);
    return o?.kind === kind ? (o as Extract<NetworkObject, { kind: K }>) : undefined;
  }

  /** what the design renders for a row key (to tell whether a row still says what the design says) */
  rendered(key: string): DesiredRow | undefined {
    return this.#rendered.get(key);
  }

  /** the switch / router (by object id) whose `column` references this row */
  holders(uuid: string, table: 'Logical_Switch' | 'Logical_Router', column: string): string[] {
    return this.rows
      .filter((r) => r.table === table && list(r.row[column]).includes(uuid))
      .map((r) => objectOf(r));
  }
}

/** `netcanvas:key` of a row */
export const keyOf = (r: ActualRow): string => map(r.row.external_ids)[EXT.key] ?? '';

/** `netcanvas:object` of a row */
export const objectOf = (r: ActualRow): string => map(r.row.external_ids)[EXT.object] ?? '';

/** Splits `10.0.1.1/24` into the address and its network (`10.0.1.0/24`). */
export function splitNetwork(network: string): { ip: string; subnet: string } | undefined {
  const [ip] = network.split('/');
  const c = parseCidr(network, false);
  return ip && c ? { ip, subnet: formatCidr(c) } : undefined;
}

/** Items ordered as the design lists them (by `idOf`), then the rest in their own order. */
export function designOrder<T>(
  items: readonly T[],
  designIds: readonly string[],
  idOf: (item: T) => string,
): T[] {
  const rank = (item: T) => {
    const i = designIds.indexOf(idOf(item));
    return i < 0 ? designIds.length : i;
  };
  return items
    .map((item, i) => ({ item, i }))
    .sort((a, b) => rank(a.item) - rank(b.item) || a.i - b.i)
    .map((x) => x.item);
}

/** Shallow copy without the keys whose value is undefined (so read-back objects compare cleanly). */
export function compact<T extends object>(obj: T): T {
  const out: Record<string, unknown> = {};
  for (const [k, v] of Object.entries(obj)) if (v !== undefined) out[k] = v;
  return out as T;
}

/** The design-only fields of an object read back: its id, and name/description/tags from the design. */
export function designFields(
  id: string,
  d:
    | {
        readonly name?: string;
        readonly description?: string | undefined;
        readonly tags?: string[] | undefined;
      }
    | undefined,
) {
  return { id, name: d?.name ?? id, description: d?.description, tags: d?.tags };
}
