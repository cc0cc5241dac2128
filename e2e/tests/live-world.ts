import { type APIRequestContext, expect, type Page, request } from '@playwright/test';
import { LIVE_DESIGNER, LIVE_OPERATOR, LIVE_TENANT } from './live-users.ts';

type User = { readonly username: string; readonly password: string };

/** Signs in through the API; the cookie lands in `api`'s jar, the CSRF token is returned. */
export async function login(api: APIRequestContext, user: User): Promise<string> {
  const r = await api.post('/api/auth/login', { data: user });
  expect(r.status(), await r.text()).toBe(200);
  return ((await r.json()) as { csrfToken: string }).csrfToken;
}

/** One API call that must succeed; its JSON. */
async function must(
  api: APIRequestContext,
  csrf: string,
  method: 'get' | 'post',
  path: string,
  data?: unknown,
): Promise<Record<string, unknown>> {
  const r = await api[method](path, { data, headers: { 'x-csrf-token': csrf } });
  expect(r.ok(), `${method} ${path}: ${r.status()} ${await r.text()}`).toBe(true);
  return (await r.json()) as Record<string, unknown>;
}

/**
 * What a user does before watching an app live: a designer creates it from the three-tier
 * template, the page's user (an operator by default) plans and applies it to the tenant's sandbox
 * controller, all through the API with real logins; then the page opens its live view.
 */
export async function applyAndWatch(
  page: Page,
  appId: string,
  baseURL: string,
  watcher: User = LIVE_OPERATOR,
  /** the designer's change to the template before saving it */
  edit: (app: Record<string, unknown>) => Record<string, unknown> = (app) => app,
): Promise<void> {
  const designer = await request.newContext({ baseURL });
  try {
    const csrf = await login(designer, LIVE_DESIGNER);
    const app = await must(
      designer,
      csrf,
      'get',
      `/api/templates/three-tier?id=${appId}&name=${appId}&tenant=${LIVE_TENANT}`,
    );
    await must(designer, csrf, 'post', `/api/tenants/${LIVE_TENANT}/apps`, {
      app: edit(app),
      message: 'from the three-tier template',
    });
  } finally {
    await designer.dispose();
  }
  const csrf = await login(page.request, watcher);
  const controllers = (await (
    await page.request.get(`/api/tenants/${LIVE_TENANT}/controllers`)
  ).json()) as { id: number; kind: string }[];
  const sandbox = controllers.find((c) => c.kind === 'sandbox');
  if (!sandbox) throw new Error('the live harness made no sandbox controller');
  const base = `/api/tenants/${LIVE_TENANT}/apps/${appId}`;
  const plan = await must(page.request, csrf, 'post', `${base}/plan`, { controller: sandbox.id });
  await must(page.request, csrf, 'post', `${base}/apply`, { planId: plan.planId });
  await page.goto(`/?live=${LIVE_TENANT}/${appId}`);
  await expect(page.getByTestId('stream-status')).toHaveAttribute('data-status', 'open');
}

/** Every event of an app's stream so far, as a second client (the operator's session) sees it. */
export async function streamEvents(
  page: Page,
  appId: string,
): Promise<{ kind: string; target?: string }[]> {
  return page.evaluate(async (topic) => {
    const ws = new WebSocket(`${location.origin.replace('http', 'ws')}/api/stream`);
    const events: { kind: string; target?: string }[] = [];
    await new Promise<void>((resolve, reject) => {
      ws.onopen = () => ws.send(JSON.stringify({ type: 'subscribe', topic }));
      ws.onerror = () => reject(new Error('the stream did not open'));
      setTimeout(() => reject(new Error(`no snapshot of ${topic} in 20 s`)), 20_000);
      ws.onmessage = (m) => {
        const f = JSON.parse(String(m.data)) as {
          state?: Record<string, { kind: string; target?: string }>;
        };
        events.push(...Object.values(f.state ?? {}));
        resolve();
      };
    });
    ws.close();
    return events;
  }, `app/${LIVE_TENANT}/${appId}/events`);
}
