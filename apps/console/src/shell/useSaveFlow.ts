import type { Application } from '@netcanvas/model';
import { useCallback, useState } from 'react';
import { type StoredApp, type VersionConflict, versionConflictOf } from '../api/apps.ts';
import type { DesignSource } from '../source/useDesignSource.ts';

/** Where a save is: asking for the message, saving, or stopped on someone else's version. */
export type SaveFlow =
  | { readonly step: 'idle' }
  | { readonly step: 'message'; readonly error?: string; readonly busy?: boolean }
  | {
      readonly step: 'conflict';
      readonly conflict: VersionConflict;
      readonly message: string;
      readonly busy?: boolean;
      readonly error?: string;
    };

/** The save dialog and the conflict dialog's state and actions; never overwrites silently. */
export function useSaveFlow(source: DesignSource, doc: Application | undefined) {
  const [flow, setFlow] = useState<SaveFlow>({ step: 'idle' });
  const [saved, setSaved] = useState<StoredApp | undefined>();

  const run = useCallback(
    async (message: string, etag?: string) => {
      if (!source.save || !doc) return;
      setFlow((f) => ({ ...f, busy: true, error: undefined }));
      try {
        setSaved(await source.save(doc, message, etag));
        setFlow({ step: 'idle' });
      } catch (err) {
        const conflict = versionConflictOf(err);
        if (conflict) setFlow({ step: 'conflict', conflict, message });
        else
          setFlow((f) => ({
            ...f,
            busy: false,
            error: err instanceof Error ? err.message : String(err),
          }));
      }
    },
    [source, doc],
  );

  return {
    flow,
    /** the version the last save made, for the "Saved v3" note */
    saved,
    open: () => setFlow({ step: 'message' }),
    cancel: () => setFlow({ step: 'idle' }),
    save: (message: string) => void run(message),
    /** "Keep mine on top of theirs": the same document, If-Match naming their version */
    keepMine: () => {
      if (flow.step === 'conflict') void run(flow.message, flow.conflict.etag);
    },
    /** "Reload theirs (discard mine)" */
    takeTheirs: async () => {
      setFlow((f) => ({ ...f, busy: true }));
      try {
        await source.reload();
        setFlow({ step: 'idle' });
      } catch (err) {
        setFlow((f) => ({
          ...f,
          busy: false,
          error: err instanceof Error ? err.message : String(err),
        }));
      }
    },
  };
}
