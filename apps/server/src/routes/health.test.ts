import { describe, expect, it } from 'vitest';
import { useTestServer } from '../test-server.ts';

describe('GET /api/health', () => {
  const server = useTestServer();

  it('answers ok and says honestly that no controller is connected', async () => {
    const res = await fetch(`${server.url()}/api/health`);
    expect(res.status).toBe(200);
    const body = await res.json();
    expect(body).toMatchObject({ status: 'ok', controller: { kind: 'none' } });
  });
});
