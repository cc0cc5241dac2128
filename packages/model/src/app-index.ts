import type { Application, NetworkObject, ObjectKind, ObjectOfKind } from './schema/types.ts';

/** Lookups over one application, built once per validate / what-if / IPAM pass. */
export class AppIndex {
  readonly app: Application;
  readonly #byId = new Map<string, NetworkObject>();
  readonly #byKind = new Map<ObjectKind, NetworkObject[]>();

  constructor(app: Application) {
    this.app = app;
    for (const obj of app.objects) {
      // first wins: duplicates are reported by validate
      if (!this.#byId.has(obj.id)) this.#byId.set(obj.id, obj);
      const list = this.#byKind.get(obj.kind) ?? [];
      list.push(obj);
      this.#byKind.set(obj.kind, list);
    }
  }

  get(id: string): NetworkObject | undefined {
    return this.#byId.get(id);
  }

  /** The object with this id when it is of the kind, else undefined. */
  getKind<K extends ObjectKind>(id: string, kind: K): ObjectOfKind<K> | undefined {
    const obj = this.#byId.get(id);
    return obj?.kind === kind ? (obj as ObjectOfKind<K>) : undefined;
  }

  /** All objects of the kind, in document order. */
  all<K extends ObjectKind>(kind: K): readonly ObjectOfKind<K>[] {
    return (this.#byKind.get(kind) ?? []) as ObjectOfKind<K>[];
  }

  /** Finds by id first, then by name (CLI and what-if accept either). */
  find(idOrName: string): NetworkObject | undefined {
    return this.#byId.get(idOrName) ?? this.app.objects.find((o) => o.name === idOrName);
  }
}
