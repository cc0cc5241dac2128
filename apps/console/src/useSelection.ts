import { useCallback, useState } from 'react';

/** Which objects are selected: kept apart from the document, so selecting is not an edit. */
export function useSelection(): [readonly string[], (ids: readonly string[]) => void] {
  const [ids, setIds] = useState<readonly string[]>([]);
  const select = useCallback(
    (next: readonly string[]) =>
      setIds((prev) =>
        prev.length === next.length && prev.every((id, i) => id === next[i]) ? prev : next,
      ),
    [],
  );
  return [ids, select];
}
