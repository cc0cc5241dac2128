import { parseApplication, validate } from '@netcanvas/model';
import { describe, expect, it } from 'vitest';
import { links } from '../canvas/graph.ts';
import { editorTopology } from './topology.ts';

describe('editorTopology', () => {
  it.each([100, 500, 1000])('has %i objects and 1.5 links per object', (n) => {
    const app = editorTopology(n);
    expect(app.objects).toHaveLength(n);
    expect(links(app)).toHaveLength(n * 1.5);
    expect(new Set(app.objects.map((o) => o.id)).size).toBe(n);
  });

  it('is a valid design the canvas draws without problem badges', () => {
    const app = editorTopology(1000);
    expect(parseApplication(app).ok).toBe(true);
    const problems = validate(app).filter((d) => d.severity !== 'info');
    expect(problems.map((d) => `${d.objectId}: ${d.message}`).slice(0, 5)).toEqual([]);
    expect(Object.keys(app.layout.positions).sort()).toEqual(app.objects.map((o) => o.id).sort());
  });

  it('is the same design every time', () => {
    expect(editorTopology(500)).toEqual(editorTopology(500));
  });

  it('refuses a count that is not a positive whole number', () => {
    expect(() => editorTopology(0)).toThrow(/whole number of objects, not 0/);
    expect(() => editorTopology(2.5)).toThrow(RangeError);
  });
});
