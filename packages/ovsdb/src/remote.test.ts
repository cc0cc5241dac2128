import { describe, expect, it } from 'vitest';
import { parseRemote, parseRemotes } from './remote.ts';

describe('remotes', () => {
  it('parses tcp, ssl, unix and IPv6 remotes', () => {
    expect(parseRemote('tcp:127.0.0.1:6641')).toMatchObject({
      kind: 'tcp',
      host: '127.0.0.1',
      port: 6641,
    });
    expect(parseRemote('ssl:[::1]:6641')).toMatchObject({ kind: 'ssl', host: '::1', port: 6641 });
    expect(parseRemote('unix:/run/ovn/ovnnb_db.sock')).toMatchObject({
      kind: 'unix',
      path: '/run/ovn/ovnnb_db.sock',
    });
  });

  it('splits a cluster list', () => {
    expect(parseRemotes('tcp:a:1, tcp:b:2,tcp:c:3').map((r) => r.text)).toEqual([
      'tcp:a:1',
      'tcp:b:2',
      'tcp:c:3',
    ]);
  });

  it('rejects what ovsdb would not accept as an active remote', () => {
    for (const bad of ['', 'tcp:host', 'ptcp:6641', 'tcp:h:99999', 'udp:h:1', 'unix:']) {
      expect(() => parseRemotes(bad)).toThrow(expect.objectContaining({ code: 'INVALID_REMOTE' }));
    }
  });
});
