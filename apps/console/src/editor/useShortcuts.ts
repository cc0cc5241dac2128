import { useEffect, useRef } from 'react';

/** What the keyboard can trigger. */
export interface ShortcutHandlers {
  readonly undo: () => void;
  readonly redo: () => void;
  readonly remove: () => void;
  readonly copy: () => void;
  readonly paste: () => void;
  readonly duplicate: () => void;
  readonly selectAll: () => void;
  readonly fit: () => void;
  readonly search: () => void;
  readonly help: () => void;
  readonly layout: (all: boolean) => void;
  readonly escape: () => void;
}

function typing(target: EventTarget | null): boolean {
  const el = target as HTMLElement | null;
  return !!el && (el.isContentEditable || ['INPUT', 'TEXTAREA', 'SELECT'].includes(el.tagName));
}

/** Binds the editor's shortcuts (see shortcuts.ts); keys typed into fields are left alone. */
export function useShortcuts(handlers: ShortcutHandlers): void {
  const current = useRef(handlers);
  current.current = handlers;
  useEffect(() => {
    const onKey = (e: KeyboardEvent) => {
      const h = current.current;
      if (e.key === 'Escape') return h.escape();
      if (typing(e.target)) return;
      const mod = e.ctrlKey || e.metaKey;
      const key = e.key.toLowerCase();
      const run = (f: () => void) => {
        e.preventDefault();
        f();
      };
      if (mod && key === 'z') return run(e.shiftKey ? h.redo : h.undo);
      if (mod && key === 'y') return run(h.redo);
      if (mod && key === 'c') return run(h.copy);
      if (mod && key === 'v') return run(h.paste);
      if (mod && key === 'd') return run(h.duplicate);
      if (mod && key === 'a') return run(h.selectAll);
      if (mod || e.altKey) return;
      if (key === 'delete' || key === 'backspace') return run(h.remove);
      if (key === 'f') return run(h.fit);
      if (key === '/') return run(h.search);
      if (key === '?') return run(h.help);
      if (key === 'l') return run(() => h.layout(e.shiftKey));
    };
    window.addEventListener('keydown', onKey);
    return () => window.removeEventListener('keydown', onKey);
  }, []);
}
