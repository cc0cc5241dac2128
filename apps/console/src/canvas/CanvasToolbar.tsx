import type { RefObject } from 'react';

interface Props {
  readonly canUndo: boolean;
  readonly canRedo: boolean;
  readonly hasSelection: boolean;
  readonly onUndo: () => void;
  readonly onRedo: () => void;
  readonly onDuplicate: () => void;
  readonly onDelete: () => void;
  readonly onLayout: (all: boolean) => void;
  readonly onFit: () => void;
  readonly onHelp: () => void;
  readonly tiers: boolean;
  readonly onTiers: () => void;
  readonly query: string;
  readonly onQuery: (q: string) => void;
  readonly onSearchNext: () => void;
  readonly matches: number | undefined;
  readonly searchRef: RefObject<HTMLInputElement | null>;
  readonly note: string | undefined;
}

const ICONS = {
  undo: 'M9 14 4 9l5-5M4 9h10.5a5.5 5.5 0 0 1 0 11H11',
  redo: 'm15 14 5-5-5-5M20 9H9.5a5.5 5.5 0 0 0 0 11H13',
  copy: 'M8 8h11v11H8zM5 16V5h11',
  trash: 'M4 7h16M10 11v6M14 11v6M6 7l1 12h10l1-12M9 7V4h6v3',
  layout: 'M4 4h6v5H4zM14 4h6v5h-6zM9 15h6v5H9zM7 9v3h10V9M12 12v3',
  fit: 'M4 9V4h5M15 4h5v5M20 15v5h-5M9 20H4v-5',
  tiers: 'M3 5h18v5H3zM3 14h18v5H3z',
  help: 'M12 17h.01M9.5 9a2.5 2.5 0 1 1 3.5 2.3c-.7.3-1 1-1 1.7v.5M12 21a9 9 0 1 0 0-18 9 9 0 0 0 0 18Z',
} as const;

function Tool(p: {
  icon: keyof typeof ICONS;
  label: string;
  onClick: () => void;
  disabled?: boolean;
  pressed?: boolean;
}) {
  return (
    <button
      type="button"
      className={p.pressed ? 'tool pressed' : 'tool'}
      title={p.label}
      aria-label={p.label}
      aria-pressed={p.pressed}
      disabled={p.disabled}
      onClick={p.onClick}
      data-testid={`tool-${p.icon}`}
    >
      <svg viewBox="0 0 24 24" aria-hidden="true">
        <path d={ICONS[p.icon]} />
      </svg>
    </button>
  );
}

/** Undo/redo, selection actions, layout, view and search over the canvas. */
export function CanvasToolbar(p: Props) {
  return (
    <div className="canvas-toolbar" role="toolbar" aria-label="editing">
      <Tool icon="undo" label="Undo (Ctrl+Z)" onClick={p.onUndo} disabled={!p.canUndo} />
      <Tool icon="redo" label="Redo (Ctrl+Shift+Z)" onClick={p.onRedo} disabled={!p.canRedo} />
      <span className="tool-sep" />
      <Tool
        icon="copy"
        label="Duplicate (Ctrl+D)"
        onClick={p.onDuplicate}
        disabled={!p.hasSelection}
      />
      <Tool icon="trash" label="Delete (Del)" onClick={p.onDelete} disabled={!p.hasSelection} />
      <span className="tool-sep" />
      <Tool
        icon="layout"
        label="Auto-layout new objects (L); Shift+L lays out all"
        onClick={() => p.onLayout(false)}
      />
      <button
        type="button"
        className="tool tool-text"
        onClick={() => p.onLayout(true)}
        data-testid="tool-layout-all"
      >
        Layout all
      </button>
      <Tool icon="fit" label="Zoom to fit (F)" onClick={p.onFit} />
      <Tool icon="tiers" label="Group by tier" onClick={p.onTiers} pressed={p.tiers} />
      {p.note && (
        <span className="toolbar-note" data-testid="toolbar-note">
          {p.note}
        </span>
      )}
      <div className="search">
        <svg viewBox="0 0 24 24" aria-hidden="true">
          <path d="m20 20-4.5-4.5M10.5 17a6.5 6.5 0 1 1 0-13 6.5 6.5 0 0 1 0 13Z" />
        </svg>
        <input
          ref={p.searchRef}
          data-testid="search"
          placeholder="Search name or IP  /"
          value={p.query}
          spellCheck={false}
          onChange={(e) => p.onQuery(e.target.value)}
          onKeyDown={(e) => {
            if (e.key === 'Enter') p.onSearchNext();
            if (e.key === 'Escape') {
              p.onQuery('');
              e.currentTarget.blur();
            }
          }}
        />
        {p.matches !== undefined && (
          <span className="search-count" data-testid="search-count">
            {p.matches}
          </span>
        )}
      </div>
      <Tool icon="help" label="Keyboard shortcuts (?)" onClick={p.onHelp} />
    </div>
  );
}
