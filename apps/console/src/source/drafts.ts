import { type Application, parseApplication } from '@netcanvas/model';
import { type DesignRef, designKey } from './design-ref.ts';

const PREFIX = 'netcanvas:draft:';
const LAST = 'netcanvas:last-design';

interface StoredDraft {
  readonly savedAt: string;
  /** the version the draft was started from, to warn when the server moved on */
  readonly baseVersion: number;
  readonly doc: unknown;
}

function storage(): Storage | undefined {
  try {
    return window.localStorage;
  } catch {
    return undefined;
  }
}

/** The unsaved draft of a design kept in this browser, if any and if still readable. */
export function loadDraft(ref: DesignRef): Application | undefined {
  const raw = storage()?.getItem(PREFIX + designKey(ref));
  if (!raw) return undefined;
  try {
    const stored = JSON.parse(raw) as StoredDraft;
    const parsed = parseApplication(stored.doc);
    return parsed.ok ? parsed.app : undefined;
  } catch {
    return undefined;
  }
}

/** The version the stored draft was started from, to say when the server moved on since. */
export function draftBaseVersion(ref: DesignRef): number | undefined {
  const raw = storage()?.getItem(PREFIX + designKey(ref));
  if (!raw) return undefined;
  try {
    const stored = JSON.parse(raw) as Partial<StoredDraft>;
    return typeof stored.baseVersion === 'number' ? stored.baseVersion : undefined;
  } catch {
    return undefined;
  }
}

/** Keeps unsaved work across reloads; quota errors only cost the draft. */
export function saveDraft(ref: DesignRef, doc: Application): void {
  const draft: StoredDraft = { savedAt: new Date().toISOString(), baseVersion: doc.version, doc };
  try {
    storage()?.setItem(PREFIX + designKey(ref), JSON.stringify(draft));
  } catch {
    // a full storage must not break editing
  }
}

export function clearDraft(ref: DesignRef): void {
  storage()?.removeItem(PREFIX + designKey(ref));
}

/** The design opened last, so a reload comes back to it. */
export function loadLastRef(): DesignRef | undefined {
  try {
    const raw = storage()?.getItem(LAST);
    const ref = raw ? (JSON.parse(raw) as DesignRef) : undefined;
    if (ref?.kind === 'template' && typeof ref.templateId === 'string') return ref;
    if (ref?.kind === 'app' && typeof ref.tenant === 'string' && typeof ref.appId === 'string')
      return ref;
  } catch {
    // unreadable: start fresh
  }
  return undefined;
}

export function saveLastRef(ref: DesignRef): void {
  try {
    storage()?.setItem(LAST, JSON.stringify(ref));
  } catch {
    // best effort
  }
}
