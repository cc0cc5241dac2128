import type { DiffMarkInfo, DiffMarkOp } from './diff-overlay.ts';

/** What each diff mark means, for tooltips and the overlay's legend. */
export const DIFF_MARK_TEXT: Record<DiffMarkOp, string> = {
  added: 'Added since the snapshot',
  changed: 'Changed since the snapshot',
  removed: 'Removed since the snapshot: drawn where the snapshot had it',
};

const GLYPH: Record<DiffMarkOp, string> = {
  added: 'M6 2.5v7M2.5 6h7',
  changed: 'M2.3 7c1.1-1.8 2.3-1.8 3.7-1s2.6.8 3.7-1',
  removed: 'M2.5 6h7',
};

/** The badge in a node's corner while a snapshot diff is on the canvas: + added, ~ changed, − removed. */
export function DiffMark({
  mark,
  legend = false,
}: {
  readonly mark: DiffMarkInfo;
  readonly legend?: boolean;
}) {
  const text =
    mark.op === 'changed' && mark.fields.length > 0
      ? `${DIFF_MARK_TEXT.changed}: ${mark.fields.join(', ')}`
      : DIFF_MARK_TEXT[mark.op];
  return (
    <span
      className={`deploy-mark diff-mark diff-mark-${mark.op}${legend ? ' legend-mark' : ''}`}
      data-diff={mark.op}
      data-testid={legend ? undefined : 'diff-mark'}
      title={legend ? undefined : text}
    >
      <svg
        viewBox="0 0 12 12"
        role="img"
        aria-label={legend ? undefined : text}
        aria-hidden={legend}
      >
        <path d={GLYPH[mark.op]} />
      </svg>
    </span>
  );
}
