import type { InternalNode } from '@xyflow/react';
import { describe, expect, it } from 'vitest';
import { EMPTY_DEPLOY_STATE } from '../../deploy/useDeployState.ts';
import type { ObjectNode } from '../graph.ts';
import { clearUnmeasured, farCards, markUnmeasured, UNMEASURED } from './cards.ts';
import { linkPath } from './links.ts';
import { cardAt, mix } from './paint.ts';

function node(
  id: string,
  at: { x: number; y: number },
  extra: Partial<InternalNode<ObjectNode>> = {},
): InternalNode<ObjectNode> {
  return {
    id,
    type: 'object',
    position: at,
    measured: { width: 136, height: 60 },
    internals: { positionAbsolute: at, z: 0, userNode: {} as ObjectNode },
    data: {
      object: { id, name: id, kind: 'switch', subnet: '10.0.0.0/24' },
      facts: { subtitle: '10.0.0.0/24', lines: [], chips: [] },
      errors: 0,
      warnings: 0,
      problems: [],
      highlight: 'none',
    },
    ...extra,
  } as InternalNode<ObjectNode>;
}

const lookup = (...nodes: InternalNode<ObjectNode>[]) => new Map(nodes.map((n) => [n.id, n]));
const VIEW = { x: 10, y: 20, zoom: 0.5, width: 800, height: 600 };

describe('the far view', () => {
  it('draws measured cards with selected ones on top, and leaves unmeasured ones to the DOM', () => {
    const cards = farCards(
      lookup(
        node('a', { x: 0, y: 0 }, { selected: true }),
        node('b', { x: 200, y: 0 }),
        node('c', { x: 400, y: 0 }, { className: UNMEASURED }),
        node('d', { x: 600, y: 0 }, { className: 'diff-ghost' }),
      ),
      EMPTY_DEPLOY_STATE,
      undefined,
    );
    expect(cards.map((c) => c.id)).toEqual(['b', 'd', 'a']);
    expect(cards.find((c) => c.id === 'd')?.ghost).toBe(true);
  });

  it('draws a card being dragged, and its links, where the drag has it', () => {
    const nodes = lookup(node('a', { x: 0, y: 0 }), node('b', { x: 0, y: 200 }));
    const moved = new Map([['b', { x: 300, y: 200 }]]);
    const cards = farCards(nodes, EMPTY_DEPLOY_STATE, undefined, moved);
    expect(cards.map((c) => [c.id, c.x, c.y])).toEqual([
      ['a', 0, 0],
      ['b', 300, 200],
    ]);
    const link = { id: 'e', source: 'a', target: 'b', sourceHandle: 'bottom', targetHandle: 'top' };
    expect(linkPath(link, nodes, moved)).toMatch(/368,200$/);
  });

  it('finds the card under the pointer through pan and zoom, the topmost first, never a ghost', () => {
    const cards = farCards(
      lookup(
        node('under', { x: 0, y: 0 }),
        node('over', { x: 100, y: 0 }, { selected: true }),
        node('ghost', { x: 1000, y: 0 }, { className: 'diff-ghost' }),
      ),
      EMPTY_DEPLOY_STATE,
      undefined,
    );
    // flow (120, 10) is on both cards: on screen (10 + 120 × 0.5, 20 + 10 × 0.5)
    expect(cardAt(cards, VIEW, { x: 70, y: 25 })).toBe('over');
    expect(cardAt(cards, VIEW, { x: 15, y: 25 })).toBe('under');
    // below the cards (flow y 70 > 60) and on the ghost
    expect(cardAt(cards, VIEW, { x: 15, y: 56 })).toBeUndefined();
    expect(cardAt(cards, VIEW, { x: 10 + 1010 * 0.5, y: 25 })).toBeUndefined();
  });

  it('marks a node unmeasured until React Flow measures it, keeping its other classes', () => {
    const fresh = { id: 'n', position: { x: 0, y: 0 }, className: 'diff-ghost' } as ObjectNode;
    const marked = markUnmeasured(fresh);
    expect(marked.className).toBe(`diff-ghost ${UNMEASURED}`);
    expect(markUnmeasured(marked)).toBe(marked);
    const measured = { ...fresh, measured: { width: 1, height: 1 } } as ObjectNode;
    expect(markUnmeasured(measured)).toBe(measured);

    const other = markUnmeasured({ id: 'm', position: { x: 0, y: 0 } } as ObjectNode);
    const [n, m] = clearUnmeasured([marked, other], new Set(['n']));
    expect(n?.className).toBe('diff-ghost');
    expect(m?.className).toBe(UNMEASURED);
    const [bare] = clearUnmeasured([other], new Set(['m']));
    expect(bare && 'className' in bare).toBe(false);
  });

  it('draws a link between the middles of the sides its handles are on', () => {
    const nodes = lookup(node('a', { x: 0, y: 0 }), node('b', { x: 0, y: 200 }));
    const d = linkPath(
      { id: 'e', source: 'a', target: 'b', sourceHandle: 'bottom', targetHandle: 'top' },
      nodes,
    );
    // from the middle of a's bottom (68, 60) to the middle of b's top (68, 200)
    expect(d).toMatch(/^M ?68,60 ?C/);
    expect(d).toMatch(/68,200$/);
    const step = linkPath(
      {
        id: 's',
        source: 'a',
        target: 'b',
        sourceHandle: 'right',
        targetHandle: 'left',
        type: 'smoothstep',
      },
      nodes,
    );
    expect(step).toMatch(/^M ?136 30/);
    // an end not drawn (no such node, or not measured) is no link
    expect(linkPath({ id: 'x', source: 'a', target: 'gone' }, nodes)).toBeUndefined();
  });

  it('mixes a kind colour into the surface as color-mix does', () => {
    expect(mix('#ffffff', '#000000', 0.26)).toBe('rgb(66, 66, 66)');
    expect(mix('#60a5fa', '#11171f', 1)).toBe('rgb(96, 165, 250)');
  });
});
