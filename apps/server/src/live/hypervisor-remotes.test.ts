import { describe, expect, it } from 'vitest';
import { parseHypervisorRemotes } from './hypervisor-remotes.ts';

describe('ovsRemote: which OVS DB answers for which sFlow agent', () => {
  it('takes AGENT@REMOTE, or the agent from a tcp/ssl host, or 127.0.0.1 for a unix socket', () => {
    expect(
      parseHypervisorRemotes(
        '169.254.4.2@tcp:127.0.0.1:6640, ssl:10.0.1.12:6640,unix:/run/openvswitch/db.sock,[2001:db8::7]@tcp:[2001:db8::1]:6640',
      ),
    ).toEqual([
      { agent: '169.254.4.2', remote: 'tcp:127.0.0.1:6640' },
      { agent: '10.0.1.12', remote: 'ssl:10.0.1.12:6640' },
      { agent: '127.0.0.1', remote: 'unix:/run/openvswitch/db.sock' },
      { agent: '2001:db8::7', remote: 'tcp:[2001:db8::1]:6640' },
    ]);
  });

  it('says what to write when an entry names no usable agent, or one agent twice', () => {
    expect(parseHypervisorRemotes('tcp:hv1.example:6640')).toBe(
      '"tcp:hv1.example:6640" names no sFlow agent address: write it as AGENT@tcp:hv1.example:6640, e.g. 192.0.2.10@tcp:hv1.example:6640',
    );
    expect(parseHypervisorRemotes('hv1@tcp:10.0.0.1:6640')).toContain('"hv1" in');
    expect(parseHypervisorRemotes('tcp:10.0.0.1:6640,10.0.0.1@unix:/x.sock')).toBe(
      'sFlow agent 10.0.0.1 is given twice: each hypervisor sends from its own address',
    );
  });
});
