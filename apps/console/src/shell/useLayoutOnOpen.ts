import type { Application } from '@netcanvas/model';
import { useEffect, useRef } from 'react';
import type { Commands } from '../editor/useCommands.ts';
import { useLayoutCommand } from '../layout/useLayoutCommand.ts';

/**
 * An app opened with objects that have no position (an import reads no layout from the
 * controller) is laid out once by the elk worker; the result is an unsaved change to keep.
 */
export function useLayoutOnOpen(
  sessionKey: string | undefined,
  doc: Application | undefined,
  commands: Commands,
  enabled: boolean,
): string | undefined {
  const layout = useLayoutCommand(doc, commands);
  const done = useRef<string | undefined>(undefined);
  useEffect(() => {
    if (!enabled || !doc || !sessionKey || done.current === sessionKey) return;
    done.current = sessionKey;
    if (doc.objects.some((o) => !doc.layout.positions[o.id])) layout.run(false);
  }, [enabled, doc, sessionKey, layout]);
  return layout.note;
}
