import { describe, expect, it } from 'vitest';
import { allocateAddresses } from '../ipam.ts';
import { templateById } from '../templates/index.ts';
import { validate } from '../validate/validate.ts';
import { canonicalJson } from './canonical-json.ts';
import { remapForSite } from './remap.ts';
import { sha256Hex } from './sha256.ts';
import { createSnapshot, diffSnapshots, verifySnapshot } from './snapshot.ts';

const app = allocateAddresses(
  templateById('three-tier').build({ id: 'shop', name: 'shop', tenant: 'acme' }),
);
const controller = { kind: 'ovn', remote: 'tcp:127.0.0.1:6641', stateVersion: 'abc' };
const snap = () =>
  createSnapshot({ app, createdBy: 'alice', controller, createdAt: '2025-01-01T00:00:00Z' });

describe('sha256Hex', () => {
  it('matches the FIPS 180-4 vectors and UTF-8 input', () => {
    expect(sha256Hex('')).toBe('e3b0c44298fc1c149afbf4c8996fb92427ae41e4649b934ca495991b7852b855');
    expect(sha256Hex('abc')).toBe(
      'ba7816bf8f01cfea414140de5dae2223b00361a396177a9cb410ff61f20015ad',
    );
    expect(sha256Hex('abcdbcdecdefdefgefghfghighijhijkijkljklmklmnlmnomnopnopq')).toBe(
      '248d6a61d20638b8e5c026930c3e6039a33ce45964ff2167f6ecedd419db06c1',
    );
    expect(sha256Hex('a'.repeat(1000))).toBe(
      '41edece42d63e8d9bf515a9ba6932e1c20cbc9f5a5d134645adb5db1b9737ea3',
    );
    expect(sha256Hex('é')).toBe('4a99557e4033c3539de2eb65472017cad5f9557f7a0625a09f1c3f6e2ba69c4c');
  });
});

describe('canonicalJson', () => {
  it('does not depend on key order and drops undefined', () => {
    expect(canonicalJson({ b: 1, a: { d: [1, { z: 1, y: 2 }], c: undefined } })).toBe(
      '{"a":{"d":[1,{"y":2,"z":1}]},"b":1}',
    );
  });
});

describe('snapshots', () => {
  it('is content-addressed: same content, same id', () => {
    expect(snap().id).toBe(snap().id);
    expect(snap().id).toMatch(/^[0-9a-f]{64}$/);
    expect(snap().addresses).toContainEqual(
      expect.objectContaining({ workload: 'web-1', nic: 'eth0', ip: '10.0.1.11' }),
    );
  });

  it('verifies an untouched document, also after a JSON round trip', () => {
    const check = verifySnapshot(JSON.parse(JSON.stringify(snap())));
    expect(check).toMatchObject({ ok: true });
  });

  it('refuses a tampered document with bad-checksum', () => {
    const doc = JSON.parse(JSON.stringify(snap()));
    doc.app.objects[0].physicalNetwork = 'evil';
    const check = verifySnapshot(doc);
    expect(check).toMatchObject({ ok: false, code: 'bad-checksum' });
  });

  it('refuses a newer schema version with a clear message', () => {
    const check = verifySnapshot({ ...snap(), schemaVersion: 99 });
    expect(check).toMatchObject({ ok: false, code: 'newer-schema' });
    expect(!check.ok && check.message).toContain('upgrade netcanvas');
  });

  it('refuses what is not a snapshot', () => {
    expect(verifySnapshot('hello')).toMatchObject({ ok: false, code: 'malformed' });
    expect(verifySnapshot({ ...snap(), app: { id: 'x' } })).toMatchObject({
      ok: false,
      code: 'malformed',
    });
  });

  it('migrates a version 0 document', () => {
    const check = verifySnapshot({
      schemaVersion: 0,
      takenAt: '2024-06-01T00:00:00Z',
      takenBy: 'bob',
      controller: 'tcp:10.0.0.1:6641',
      app,
    });
    expect(check.ok).toBe(true);
    if (!check.ok) return;
    expect(check.migratedFrom).toBe(0);
    expect(check.snapshot.kind).toBe('netcanvas-snapshot');
    expect(check.snapshot.controller.remote).toBe('tcp:10.0.0.1:6641');
    expect(verifySnapshot(check.snapshot)).toMatchObject({ ok: true });
  });

  it('diffs two snapshots as a plan', () => {
    const b = createSnapshot({
      app: { ...app, objects: app.objects.filter((o) => o.id !== 'db-1') },
      createdBy: 'alice',
      controller,
    });
    expect(diffSnapshots(snap(), b)).toMatchObject([{ op: 'delete', id: 'db-1' }]);
  });
});

describe('remapForSite', () => {
  it('moves uplinks, external addresses and gateway chassis to the other site', () => {
    const moved = remapForSite(app, {
      physicalNetworks: { physnet1: 'physnet-b' },
      externalIps: { '203.0.113.0/24': '198.51.100.0/24' },
      tenant: 'acme-dr',
    });
    expect(validate(moved).filter((d) => d.severity === 'error')).toEqual([]);
    expect(moved.tenant).toBe('acme-dr');
    const uplink = moved.objects.find((o) => o.kind === 'uplink');
    expect(uplink).toMatchObject({
      physicalNetwork: 'physnet-b',
      subnet: '198.51.100.0/24',
      gatewayIp: '198.51.100.1',
    });
    const router = moved.objects.find((o) => o.kind === 'router');
    expect(router).toMatchObject({
      gateway: { ip: '198.51.100.2' },
      nat: [{ externalIp: '198.51.100.2', internalIp: '10.0.0.0/16' }],
    });
  });

  it('a partial remap comes out invalid, before anything is applied', () => {
    const moved = remapForSite(app, { externalIps: { '203.0.113.2': '198.51.100.2' } });
    expect(validate(moved).map((d) => d.code)).toContain('gateway-outside-uplink');
  });
});
