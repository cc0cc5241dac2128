import { describe, expect, it } from 'vitest';
import { RefusalBudget } from './refusal-audit.ts';

describe('the refusal audit budget', () => {
  it('lets each principal through `limit` times a window, then again in the next window', () => {
    const budget = new RefusalBudget(2, 60_000);
    const takes = (key: string, at: number) =>
      [0, 1, 2].map(() => budget.take(key, at)).filter(Boolean).length;
    expect(takes('bob', 0)).toBe(2);
    // another principal has its own budget
    expect(takes('eve', 1_000)).toBe(2);
    expect(takes('bob', 59_999)).toBe(0);
    expect(takes('bob', 60_000)).toBe(2);
  });

  it('forgets the least recently started principal beyond its bound', () => {
    const budget = new RefusalBudget(1, 60_000, 2);
    expect(budget.take('a', 0)).toBe(true);
    expect(budget.take('b', 0)).toBe(true);
    expect(budget.take('c', 0)).toBe(true);
    // a was dropped to keep the map at two keys: it starts a fresh window
    expect(budget.take('a', 0)).toBe(true);
    expect(budget.take('c', 0)).toBe(false);
  });
});
