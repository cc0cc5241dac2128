import type { APIRequestContext, Page } from '@playwright/test';
import { type Application, templateById } from '../../packages/model/src/index.ts';
import { ADMIN, DESIGNER, OPERATOR } from '../users.ts';
import { expect, signIn, test, uniqueId } from './fixtures.ts';

/**
 * Markup typed into every free-text field of a design (app, object and rule names,
 * descriptions, tags, version messages) shows as text in every view that renders it, and
 * never runs: the app list, the canvas, the details panel, problems, what-if, the plan
 * dialog, the snapshots dialog and its diff, and the live view.
 */
test.describe.configure({ mode: 'serial', timeout: 240_000 });

// a tenant of its own: applying here must not change what other specs' tenant shows
const TENANT = `xss${process.pid}`;

const IMG = '<img src=x onerror="window.__xss=1">';
const SCRIPT = '<script>window.__xss=1</script>';
const SVG = '"><svg onload=window.__xss=1>';
const JS_URL = 'javascript:window.__xss=1';
const LATE_SVG = '<svg/onload=window.__xss=1>';
const IFRAME = `<iframe src="${JS_URL}"></iframe>`;

/** The three-tier design with markup in every free-text field. */
function hostileDesign(id: string): Application {
  const app = templateById('three-tier').build({ id, name: IMG, tenant: TENANT });
  const rename: Record<string, { name?: string; description?: string; tags?: string[] }> = {
    'web-1': { name: SVG, description: SCRIPT, tags: ['tier=web', IMG] },
    'db-1': { name: JS_URL, description: IFRAME },
    'ls-web': { name: IMG, description: `<a href="${JS_URL}">docs</a>` },
    'lr-edge': { name: SCRIPT },
    'lb-web': { name: SVG },
    'g-web': { name: `<b onmouseover="window.__xss=1">${JS_URL}</b>` },
  };
  const objects = app.objects.map((o) => {
    const changed = { ...o, ...rename[o.id] };
    if (changed.kind !== 'firewall') return changed;
    return {
      ...changed,
      name: IFRAME,
      description: IMG,
      rules: [
        ...changed.rules.map((r) => (r.id === 'web-to-app' ? { ...r, name: IMG } : r)),
        // behind "everything else": a shadowed-rule warning that names both rules and the policy
        { id: 'late', name: SCRIPT, from: 'any', to: 'any', services: [], action: 'allow' },
      ],
    } as typeof o;
  });
  return { ...app, description: `${SCRIPT} ${JS_URL}`, objects };
}

/** One more workload, so a later version differs from what a snapshot holds. */
const withExtraWorkload = (app: Application, id: string, name: string): Application => {
  const web2 = app.objects.find((o) => o.id === 'web-2');
  if (web2?.kind !== 'workload') throw new Error('the template has no web-2');
  const nics = web2.nics.map((n) => ({ ...n, ip: undefined, mac: undefined }));
  return {
    ...app,
    objects: [...app.objects, { ...web2, id, name, description: IMG, nics }],
  };
};

async function call(
  request: APIRequestContext,
  csrf: string,
  method: 'post' | 'put',
  path: string,
  data: unknown,
  headers: Record<string, string> = {},
): Promise<Record<string, unknown>> {
  const res = await request[method](path, { data, headers: { 'x-csrf-token': csrf, ...headers } });
  expect(res.ok(), `${method} ${path}: ${await res.text()}`).toBe(true);
  return res.json();
}

/** Nothing ran, and no element the payloads would have made is in the page. */
async function expectNothingInjected(page: Page): Promise<void> {
  expect(await page.evaluate(() => (window as { __xss?: unknown }).__xss)).toBeUndefined();
  const injected = await page.evaluate(() => ({
    img: document.querySelectorAll('img[src="x"]').length,
    handlers: document.querySelectorAll('[onload], [onerror], [onmouseover]').length,
    svgs: Array.from(document.querySelectorAll('svg')).filter(
      (s) => s.getAttribute('onload') !== null,
    ).length,
    scripts: Array.from(document.querySelectorAll('script')).filter((s) =>
      (s.textContent ?? '').includes('__xss'),
    ).length,
    iframes: document.querySelectorAll('iframe').length,
    jsLinks: Array.from(document.querySelectorAll('a[href]')).filter((a) =>
      (a.getAttribute('href') ?? '').trim().toLowerCase().startsWith('javascript:'),
    ).length,
  }));
  expect(injected).toEqual({ img: 0, handlers: 0, svgs: 0, scripts: 0, iframes: 0, jsLinks: 0 });
}

let appId = '';
let sandboxId = 0;

test.beforeAll(async ({ playwright, baseURL }) => {
  const admin = await playwright.request.newContext({ baseURL });
  const csrf = await signIn(admin, ADMIN);
  await call(admin, csrf, 'post', '/api/tenants', { id: TENANT, name: IMG });
  for (const [user, role] of [
    [DESIGNER, 'designer'],
    [OPERATOR, 'operator'],
  ] as const) {
    await call(admin, csrf, 'put', `/api/tenants/${TENANT}/members/${user.username}`, { role });
  }
  sandboxId = Number(
    (
      await call(admin, csrf, 'post', `/api/tenants/${TENANT}/controllers`, {
        name: 'sandbox',
        kind: 'sandbox',
      })
    ).id,
  );
  await admin.dispose();

  // v1 applied and snapshotted; v2 (one more workload) applied; v3 (another) saved only, so
  // the snapshot differs from the controller and the plan dialog has changes to show
  const designer = await playwright.request.newContext({ baseURL });
  const operator = await playwright.request.newContext({ baseURL });
  const dCsrf = await signIn(designer, DESIGNER);
  const oCsrf = await signIn(operator, OPERATOR);
  appId = uniqueId('xss');
  const apps = `/api/tenants/${TENANT}/apps`;
  const v1 = hostileDesign(appId);
  await call(designer, dCsrf, 'post', apps, { app: v1, message: SCRIPT });
  const apply = async () => {
    const plan = await call(operator, oCsrf, 'post', `${apps}/${appId}/plan`, {
      controller: sandboxId,
    });
    await call(operator, oCsrf, 'post', `${apps}/${appId}/apply`, { planId: plan.planId });
  };
  await apply();
  await call(operator, oCsrf, 'post', `${apps}/${appId}/snapshots`, { controller: sandboxId });
  const v2 = withExtraWorkload(v1, 'web-3', LATE_SVG);
  await call(
    designer,
    dCsrf,
    'put',
    `${apps}/${appId}`,
    { app: v2, message: IMG },
    {
      'if-match': `"${appId}:1"`,
    },
  );
  await apply();
  const v3 = withExtraWorkload(v2, 'web-4', IFRAME);
  await call(
    designer,
    dCsrf,
    'put',
    `${apps}/${appId}`,
    { app: v3, message: SVG },
    {
      'if-match': `"${appId}:2"`,
    },
  );
  await designer.dispose();
  await operator.dispose();
});

test('markup in names, descriptions, tags and messages renders as text everywhere', async ({
  page,
}) => {
  page.on('dialog', (d) => {
    throw new Error(`a script opened a ${d.type()} dialog: ${d.message()}`);
  });
  await signIn(page.request, OPERATOR);

  // the app list
  await page.goto(`/#/t/${TENANT}/apps`);
  const row = page.getByTestId(`app-row-${appId}`);
  await expect(row).toContainText(IMG);
  // the latest version's message
  await expect(row).toContainText(SVG);
  // the tenant picker (olga is in acme too)
  await expect(page.getByTestId('tenant').locator(`option[value="${TENANT}"]`)).toHaveText(
    `${IMG} (${TENANT})`,
  );
  await expectNothingInjected(page);

  // the editor: top bar, node cards
  await row.getByRole('link').first().click();
  await expect(page.getByTestId('app-name')).toHaveText(IMG);
  await expect(page.getByTestId('node-web-1')).toContainText(SVG);
  await expect(page.getByTestId('node-db-1')).toContainText(JS_URL);
  await expect(page.getByTestId('node-ls-web')).toContainText(IMG);
  await expect(page.getByTestId('node-lr-edge')).toContainText(SCRIPT);
  await expect(page.getByTestId('node-web-4')).toContainText(IFRAME);
  await expectNothingInjected(page);

  // problems: the shadowed rule's warning names both rules and the policy
  const problems = page.getByTestId('problems-list');
  await expect(problems).toContainText(`rule ${SCRIPT} is never reached`);
  await expect(problems).toContainText(`of ${IFRAME} comes first`);
  await expectNothingInjected(page);

  // the inspector of a selected object: its name and tags (descriptions are not shown anywhere)
  await page.getByTestId('node-web-1').click();
  await expect(page.getByTestId('details-object')).toContainText(SVG);
  await expect(page.getByTestId('field-name')).toHaveValue(SVG);
  await expect(page.getByTestId('field-tags')).toHaveValue(`tier=web, ${IMG}`);
  await page.getByTestId('node-fw-tiers').click();
  await expect(page.getByTestId('details-object')).toContainText(IFRAME);
  const inspector = page.getByTestId('details-panel');
  await expect(inspector).toContainText(`2. ${IMG}`);
  await expect(inspector).toContainText(`5. ${SCRIPT}`);
  await expectNothingInjected(page);

  // what-if: the hops and the rule that delivered, by their names
  await page.getByTestId('whatif-from-select').selectOption('web-1');
  await page.getByTestId('whatif-to-select').selectOption('app-1');
  await page.getByTestId('whatif-protocol').selectOption('tcp');
  await page.getByTestId('whatif-port').fill('8080');
  await page.getByTestId('whatif-run').click();
  await expect(page.getByTestId('whatif-verdict')).toHaveAttribute('data-verdict', 'delivered');
  await expect(page.getByTestId('whatif-rule')).toContainText(IMG);
  await expect(page.getByTestId('whatif-hops')).toContainText(SVG);
  await expect(page.getByTestId('whatif-hops')).toContainText(SCRIPT);
  await expectNothingInjected(page);

  // the plan dialog: v3's new workload by its name
  await page.getByTestId('apply').click();
  const planDialog = page.getByTestId('plan-dialog');
  await expect(planDialog).toBeVisible();
  await page.getByTestId('plan').click();
  await expect(page.getByTestId('plan-group-web-4')).toContainText(IFRAME);
  await expectNothingInjected(page);
  await page.keyboard.press('Escape');
  await expect(planDialog).toBeHidden();

  // the snapshots dialog: the app's name, and the diff against the controller names web-3
  await page.getByTestId('snapshots').click();
  const snapshots = page.getByTestId('snapshots-dialog');
  await expect(snapshots).toContainText(IMG);
  await expect(snapshots.getByTestId('snapshot-list').locator('tbody tr')).toHaveCount(1);
  await snapshots.getByTestId('snapshot-diff-live').click();
  await expect(snapshots.getByTestId('diff-web-3')).toContainText(LATE_SVG);
  await expectNothingInjected(page);
  await page.keyboard.press('Escape');
  await expect(snapshots).toBeHidden();

  // the live view of the applied app
  await page.goto('about:blank');
  await page.goto(`/?live=${TENANT}/${appId}`);
  // the template is drawn until the applied version has loaded: web-1's name says which
  await expect(page.getByTestId('node-web-1')).toContainText(SVG);
  await expect(page.getByTestId('node-web-3')).toContainText(LATE_SVG);
  await expect(page.getByTestId('live-dashboard')).toBeVisible();
  await expectNothingInjected(page);
});
