import { type APIRequestContext, test as base, expect, type Page } from '@playwright/test';
import { type Application, templateById } from '../../packages/model/src/index.ts';
import { DESIGNER, type E2eUser, TENANT } from '../users.ts';

export { expect };

/** Signs in through the API on the page's browser context (it shares the cookie); returns the CSRF token. */
export async function signIn(request: APIRequestContext, user: E2eUser): Promise<string> {
  const res = await request.post('/api/auth/login', {
    data: { username: user.username, password: user.password },
  });
  expect(res.status(), `sign in as ${user.username}`).toBe(200);
  return ((await res.json()) as { csrfToken: string }).csrfToken;
}

let counter = 0;

/** A fresh app id per test, so parallel specs never share an app. */
export function uniqueId(prefix: string): string {
  counter += 1;
  return `${prefix}-${process.pid}-${Date.now().toString(36)}-${counter}`;
}

/** The design a template builds, named as the console's "New application" would. */
export function fromTemplate(templateId: string, id: string, name?: string): Application {
  const t = templateById(templateId);
  return t.build({ id, name: name ?? t.name, tenant: TENANT });
}

/** Creates an app (version 1) through the API as the signed-in user. */
export async function createApp(
  request: APIRequestContext,
  csrf: string,
  app: Application,
  message = 'created by the e2e fixture',
): Promise<void> {
  const res = await request.post(`/api/tenants/${TENANT}/apps`, {
    data: { app, message },
    headers: { 'x-csrf-token': csrf },
  });
  expect(res.status(), await res.text()).toBe(201);
}

/** The editor's address of an app. */
export const appUrl = (appId: string) => `/#/t/${TENANT}/apps/${appId}`;

/**
 * Signs in as a designer, creates a new app from a template (or the design given) and
 * opens it in the editor: where every editing spec starts.
 */
export async function openNewApp(
  page: Page,
  from: string | Application = 'three-tier',
  user: E2eUser = DESIGNER,
): Promise<string> {
  const csrf = await signIn(page.request, user);
  const app =
    typeof from === 'string' ? fromTemplate(from, uniqueId(from)) : { ...from, tenant: TENANT };
  await createApp(page.request, csrf, app);
  // a full load: a page already open (e.g. on the login page) would only change its hash
  if (page.url() !== 'about:blank') await page.goto('about:blank');
  await page.goto(appUrl(app.id));
  await expect(page.getByTestId('app-name')).toHaveText(app.name);
  return app.id;
}

export const test = base;
