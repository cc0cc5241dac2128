/** The drag-and-drop type a palette item carries: an object kind. */
export const PALETTE_MIME = 'application/x-netcanvas-kind';
