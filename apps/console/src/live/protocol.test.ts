import { describe, expect, it } from 'vitest';
import { parseServerMessage } from './protocol.ts';

const snapshot = {
  type: 'snapshot',
  topic: 'app/acme/shop/ports',
  epoch: 'e1',
  revision: 4,
  state: { 'vm1/nic0': { inBps: 1 } },
};
const delta = {
  type: 'delta',
  topic: 'app/acme/shop/links',
  revision: 9,
  changes: { set: {}, removed: ['vm2/nic0'] },
};

describe('parseServerMessage', () => {
  it('takes a batch with its frames in the order the server sent them', () => {
    const m = parseServerMessage(JSON.stringify({ type: 'batch', frames: [delta, snapshot] }));
    expect(m).toEqual({ type: 'batch', frames: [delta, snapshot] });
  });

  it('refuses a batch holding anything but snapshot and delta frames', () => {
    const bad = [
      { type: 'batch', frames: [delta, { ...snapshot, epoch: undefined }] },
      { type: 'batch', frames: [delta, { type: 'pong' }] },
      { type: 'batch', frames: [{ type: 'batch', frames: [] }] },
      { type: 'batch', frames: 'delta' },
    ];
    for (const m of bad) expect(parseServerMessage(JSON.stringify(m))).toBeUndefined();
  });

  it('still takes frames sent alone', () => {
    expect(parseServerMessage(JSON.stringify(delta))).toEqual(delta);
    expect(parseServerMessage(JSON.stringify({ ...delta, changes: { set: {} } }))).toBeUndefined();
  });
});
