import type { ReactNode } from 'react';

interface Props {
  readonly title: ReactNode;
  readonly onRemove: () => void;
  readonly onUp?: (() => void) | undefined;
  readonly onDown?: (() => void) | undefined;
  readonly children: ReactNode;
  readonly testId?: string;
}

/** One entry of a list in a form (a NIC, a rule, a VIP) with its row actions. */
export function ItemCard({ title, onRemove, onUp, onDown, children, testId }: Props) {
  return (
    <div className="item-card" data-testid={testId}>
      <div className="item-card-head">
        <span className="item-card-title">{title}</span>
        {onUp && (
          <button type="button" className="icon-btn" aria-label="move up" onClick={onUp}>
            ↑
          </button>
        )}
        {onDown && (
          <button type="button" className="icon-btn" aria-label="move down" onClick={onDown}>
            ↓
          </button>
        )}
        <button type="button" className="icon-btn danger" aria-label="remove" onClick={onRemove}>
          ×
        </button>
      </div>
      <div className="item-card-body">{children}</div>
    </div>
  );
}

/** A copy of a list without one item, or with two items swapped. */
export const without = <T,>(list: readonly T[], i: number): T[] => list.filter((_, j) => j !== i);
export function swap<T>(list: readonly T[], i: number, j: number): T[] {
  const copy = [...list];
  const a = copy[i];
  const b = copy[j];
  if (a === undefined || b === undefined) return copy;
  copy[i] = b;
  copy[j] = a;
  return copy;
}
