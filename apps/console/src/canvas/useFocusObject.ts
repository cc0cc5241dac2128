import { useReactFlow } from '@xyflow/react';
import { useCallback } from 'react';

/** Centers the canvas on an object, keeping the zoom readable. */
export function useFocusObject(): (id: string) => void {
  const flow = useReactFlow();
  return useCallback(
    (id: string) => {
      const node = flow.getNode(id);
      if (!node) return;
      const w = node.measured?.width ?? 136;
      const h = node.measured?.height ?? 80;
      const zoom = Math.max(flow.getZoom(), 1);
      void flow.setCenter(node.position.x + w / 2, node.position.y + h / 2, {
        zoom,
        duration: 400,
      });
    },
    [flow],
  );
}
