/** Turns OVN names into unique model ids (`^[A-Za-z0-9][A-Za-z0-9_.-]{0,62}$`). */
export class IdAllocator {
  readonly #used = new Set<string>();

  take(name: string, fallback: string): string {
    let base = name
      .replace(/[^A-Za-z0-9_.-]+/g, '-')
      .replace(/^[^A-Za-z0-9]+/, '')
      .slice(0, 56);
    if (base === '') base = fallback;
    let id = base;
    for (let n = 2; this.#used.has(id); n++) id = `${base}-${n}`;
    this.#used.add(id);
    return id;
  }
}
