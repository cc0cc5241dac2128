import { useContext, useEffect } from 'react';
import { WorkspaceContext } from '../editor/workspace.ts';
import { DIFF_MARK_TEXT, DiffMark } from './DiffMark.tsx';
import type { DiffMarkOp } from './diff-overlay.ts';
import { closeDiffOverlay, useDiffOverlay } from './diff-overlay-store.ts';
import '../styles/snapshots.css';

const OPS: readonly DiffMarkOp[] = ['added', 'changed', 'removed'];

/**
 * The bar over the canvas while a snapshot diff is shown: which snapshot, a legend, Close.
 * The overlay describes the design as it was when shown, so any edit closes it, and so does
 * leaving the app.
 */
export function DiffOverlayBar() {
  const overlay = useDiffOverlay();
  const doc = useContext(WorkspaceContext)?.doc;
  useEffect(() => {
    if (overlay && doc && doc !== overlay.doc) closeDiffOverlay();
  }, [overlay, doc]);
  useEffect(() => closeDiffOverlay, []);
  if (!overlay) return null;
  const { meta } = overlay;
  const count = (op: DiffMarkOp) => [...overlay.marks.values()].filter((m) => m.op === op).length;
  return (
    <div className="diff-bar" role="status" data-testid="diff-overlay">
      <span className="diff-bar-title">
        Comparing with snapshot <code title={meta.id}>{meta.id.slice(0, 12)}</code> (taken{' '}
        {new Date(meta.createdAt).toLocaleString()} by {meta.createdBy}) → {overlay.against}
      </span>
      <span className="diff-bar-legend">
        {OPS.map((op) => (
          <span key={op} className="diff-bar-key" title={DIFF_MARK_TEXT[op]}>
            <DiffMark mark={{ op, fields: [] }} legend />
            {count(op)} {op}
          </span>
        ))}
      </span>
      <span className="diff-bar-hint">Editing closes the comparison</span>
      <button
        type="button"
        className="btn btn-small"
        data-testid="diff-overlay-close"
        onClick={closeDiffOverlay}
      >
        Close
      </button>
    </div>
  );
}
