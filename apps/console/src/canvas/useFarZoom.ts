import { type ReactFlowState, useStore } from '@xyflow/react';
import './far-zoom.css';

/** Below this zoom a card's 14 px name is under 7 px on screen: too small to read. */
export const FAR_ZOOM = 0.45;

const far = (s: ReactFlowState) => s.transform[2] < FAR_ZOOM;

/**
 * Whether the canvas is zoomed out past reading: then the cards and links are drawn on one
 * canvas (far/FarCards.tsx) instead of the DOM, which is much less work on every frame.
 * Re-renders only when the zoom crosses `FAR_ZOOM`, never while panning or dragging.
 */
export function useFarZoom(): boolean {
  return useStore(far);
}
