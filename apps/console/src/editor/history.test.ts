import { type Application, templateById, validate } from '@netcanvas/model';
import { describe, expect, it } from 'vitest';
import { editorReducer, HISTORY_LIMIT, initialEditorState } from './history.ts';
import { cloneClip } from './ops/clone.ts';
import { newObject } from './ops/create.ts';

const empty = (): Application =>
  templateById('empty').build({ id: 'app', name: 'app', tenant: 't' });

function drawn() {
  let s = initialEditorState(empty());
  for (const kind of ['switch', 'router', 'workload'] as const) {
    s = editorReducer(s, { type: 'add', object: newObject(s.doc, kind), position: { x: 0, y: 0 } });
  }
  s = editorReducer(s, { type: 'connect', source: 'router-1', target: 'switch-1' });
  return editorReducer(s, { type: 'connect', source: 'workload-1', target: 'switch-1' });
}

describe('editor store', () => {
  it('connecting writes IPAM addresses into the design', () => {
    const s = drawn();
    const w = s.doc.objects.find((o) => o.id === 'workload-1');
    const r = s.doc.objects.find((o) => o.id === 'router-1');
    expect(w?.kind === 'workload' && w.nics[0]?.ip).toMatch(/^10\.0\.1\.\d+$/);
    expect(r?.kind === 'router' && r.interfaces[0]?.ip).toBe('10.0.1.1');
    expect(validate(s.doc).filter((d) => d.severity === 'error')).toEqual([]);
  });

  it('undo and redo walk the documents; a new edit clears redo', () => {
    const s = drawn();
    const undone = editorReducer(s, { type: 'undo' });
    expect(undone.future).toHaveLength(1);
    expect(editorReducer(undone, { type: 'redo' }).doc).toBe(s.doc);
    const edited = editorReducer(undone, { type: 'remove', ids: ['router-1'] });
    expect(edited.future).toHaveLength(0);
  });

  it('typing in one field is one step until sealed', () => {
    let s = drawn();
    const sw = s.doc.objects.find((o) => o.id === 'switch-1');
    if (sw?.kind !== 'switch') throw new Error('no switch');
    const depth = s.past.length;
    for (const name of ['a', 'ab', 'abc']) {
      s = editorReducer(s, { type: 'update', object: { ...sw, name }, coalesce: 'switch-1:name' });
    }
    expect(s.past.length).toBe(depth + 1);
    s = editorReducer(s, { type: 'seal' });
    s = editorReducer(s, {
      type: 'update',
      object: { ...sw, name: 'x' },
      coalesce: 'switch-1:name',
    });
    expect(s.past.length).toBe(depth + 2);
  });

  it('deleting a switch removes its NICs and router interfaces in one step', () => {
    const s = editorReducer(drawn(), { type: 'remove', ids: ['switch-1'] });
    const w = s.doc.objects.find((o) => o.id === 'workload-1');
    const r = s.doc.objects.find((o) => o.id === 'router-1');
    expect(w?.kind === 'workload' && w.nics).toEqual([]);
    expect(r?.kind === 'router' && r.interfaces).toEqual([]);
    expect(s.doc.layout.positions['switch-1']).toBeUndefined();
    expect(editorReducer(s, { type: 'undo' }).doc.objects).toHaveLength(3);
  });

  it('paste gives copies new ids, names and addresses', () => {
    const s = drawn();
    const w = s.doc.objects.filter((o) => o.id === 'workload-1');
    const copies = cloneClip(s.doc, { objects: w, positions: {} }, { x: 40, y: 40 });
    const next = editorReducer(s, { type: 'paste', ...copies });
    const copy = next.doc.objects.find((o) => o.id === 'workload-2');
    const orig = w[0];
    expect(copy?.name).toBe('workload-2');
    if (copy?.kind !== 'workload' || orig?.kind !== 'workload') throw new Error('not workloads');
    expect(copy.nics[0]?.ip).toMatch(/^10\.0\.1\.\d+$/);
    expect(copy.nics[0]?.ip).not.toBe(orig.nics[0]?.ip);
    expect(copy.nics[0]?.mac).not.toBe(orig.nics[0]?.mac);
  });

  it('keeps at most HISTORY_LIMIT undo steps', () => {
    let s = drawn();
    for (let i = 0; i < HISTORY_LIMIT + 20; i++) {
      s = editorReducer(s, { type: 'move', positions: { 'switch-1': { x: i + 1, y: 0 } } });
    }
    expect(s.past).toHaveLength(HISTORY_LIMIT);
  });
});
