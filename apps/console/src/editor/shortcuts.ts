/** The keyboard shortcuts, as the help sheet lists them. */
export const SHORTCUTS: readonly (readonly [keys: string, what: string])[] = [
  ['Drag from palette', 'add an object (or click a palette item)'],
  ['Drag handle → node', 'connect: NIC, router interface, VIP, backend…'],
  ['Shift + drag', 'box select'],
  ['Ctrl/⌘/Shift + click', 'add to selection'],
  ['Delete / Backspace', 'delete the selection with its ports'],
  ['Ctrl/⌘ + Z', 'undo'],
  ['Ctrl/⌘ + Shift + Z, Ctrl + Y', 'redo'],
  ['Ctrl/⌘ + C / V', 'copy / paste (new addresses)'],
  ['Ctrl/⌘ + D', 'duplicate'],
  ['Ctrl/⌘ + A', 'select all'],
  ['F', 'zoom to fit'],
  ['/', 'search by name or IP'],
  ['L / Shift + L', 'auto-layout new objects / everything'],
  ['?', 'this help'],
  ['Esc', 'clear selection, close this sheet'],
];
