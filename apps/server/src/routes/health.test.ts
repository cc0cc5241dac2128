import { describe, expect, it } from 'vitest';
import { useTestServer } from '../test-server.ts';

describe('GET /api/health', () => {
  const server = useTestServer();

  it('answers ok and names the embedded sandbox as the default controller', async () => {
    const res = await fetch(`${server.url()}/api/health`);
    expect(res.status).toBe(200);
    const body = (await res.json()) as { controller: { detail: string } };
    expect(body).toMatchObject({ status: 'ok', controller: { kind: 'sandbox' } });
    expect(body.controller.detail).toContain('no real network');
  });
});
