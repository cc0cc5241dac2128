import { describe, expect, it } from 'vitest';
import { parseApplication } from '../parse.ts';
import type { TrafficProfile, Workload } from '../schema/types.ts';
import { editObject, threeTierApp } from '../test-apps.ts';
import { validate } from './validate.ts';

const base = threeTierApp();
const withTraffic = (id: string, traffic: TrafficProfile | undefined) =>
  editObject<Workload>(base, id, (w) => ({ ...w, traffic }));
const findings = (app: ReturnType<typeof withTraffic>) =>
  validate(app).filter((d) => d.code === 'traffic-target');

describe('workload traffic profiles', () => {
  it('accepts a profile aimed at another workload and fills in rates', () => {
    const r = parseApplication(
      withTraffic('web-1', { kind: 'udp-stream', target: 'app-1', port: 9000 } as TrafficProfile),
    );
    expect(r.ok).toBe(true);
    if (!r.ok) return;
    const web1 = r.app.objects.find((o) => o.id === 'web-1');
    expect(web1?.kind === 'workload' && web1.traffic).toEqual({
      kind: 'udp-stream',
      target: 'app-1',
      port: 9000,
      packetsPerSecond: 100,
      size: 512,
    });
    expect(validate(r.app)).toEqual([]);
  });

  it('says which target is wrong and why', () => {
    const gone = findings(withTraffic('web-1', { kind: 'ping', target: 'app-9', everyMs: 500 }));
    expect(gone).toEqual([
      expect.objectContaining({
        severity: 'error',
        objectId: 'web-1',
        path: ['traffic', 'target'],
        message: expect.stringMatching(/"app-9", which is not in this app/),
      }),
    ]);
    const sw = findings(
      withTraffic('web-1', { kind: 'http-client', target: 'ls-app', port: 80, everyMs: 500 }),
    );
    expect(sw[0]?.message).toMatch(/a switch; pick a workload/);
    const self = findings(withTraffic('web-1', { kind: 'ping', target: 'web-1', everyMs: 500 }));
    expect(self[0]?.message).toMatch(/aims at itself/);
  });

  it('refuses a target with no address', () => {
    const app = editObject<Workload>(
      withTraffic('web-1', { kind: 'ping', target: 'app-1', everyMs: 500 }),
      'app-1',
      (w) => ({ ...w, nics: [] }),
    );
    expect(findings(app)[0]?.message).toMatch(/app.* has no address/);
  });

  it('refuses a malformed profile at the schema with the path to it', () => {
    const r = parseApplication(withTraffic('web-1', { kind: 'http-server', port: 70000 }));
    expect(r.ok).toBe(false);
    if (r.ok) return;
    expect(r.diagnostics[0]?.path.join('.')).toMatch(/traffic\.port$/);
    const unknown = parseApplication(
      withTraffic('web-1', { kind: 'flood', port: 1 } as unknown as TrafficProfile),
    );
    expect(unknown.ok).toBe(false);
  });
});
