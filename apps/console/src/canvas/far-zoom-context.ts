import { createContext } from 'react';

/** Whether the canvas is zoomed out past reading (see useFarZoom), for the nodes inside it. */
export const FarZoomContext = createContext(false);
