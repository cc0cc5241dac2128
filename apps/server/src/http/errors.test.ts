import { describe, expect, it } from 'vitest';
import { post, useTestServer } from '../test-server.ts';
import { toHttpError } from './errors.ts';

describe('error replies', () => {
  const server = useTestServer({ bodyLimit: '10kb' });

  it('answers malformed JSON with 400 malformed-json', async () => {
    const { status, json } = await post(`${server.url()}/api/validate`, '{"id": "x",', true);
    expect(status).toBe(400);
    expect(json).toEqual({ code: 'malformed-json', message: expect.any(String) });
  });

  it('answers an unknown API route with a JSON 404', async () => {
    const res = await fetch(`${server.url()}/api/nothing-here`);
    expect(res.status).toBe(404);
    expect(res.headers.get('content-type')).toMatch(/application\/json/);
    expect(await res.json()).toMatchObject({ code: 'not-found' });
  });

  it('answers a body over the limit with 413 payload-too-large', async () => {
    const big = { id: 'x', name: 'x', description: 'x'.repeat(20_000) };
    const { status, json } = await post(`${server.url()}/api/validate`, big);
    expect(status).toBe(413);
    expect(json.code).toBe('payload-too-large');
  });

  it('answers a missing body with 400 and says what to send', async () => {
    const res = await fetch(`${server.url()}/api/validate`, { method: 'POST' });
    expect(res.status).toBe(400);
    expect(await res.json()).toMatchObject({ code: 'invalid-request' });
  });

  it('never leaks a stack trace', async () => {
    const { json } = await post(`${server.url()}/api/validate`, '{', true);
    expect(JSON.stringify(json)).not.toMatch(/at .*\.ts:\d+/);
  });
});

describe('toHttpError', () => {
  it('turns an unexpected failure into a 500 that says nothing about its insides', () => {
    const http = toHttpError(new Error('ECONNRESET at /srv/secret.ts:12'), '5mb');
    expect(http.status).toBe(500);
    expect(http.code).toBe('internal');
    expect(http.message).not.toContain('secret');
  });
});
