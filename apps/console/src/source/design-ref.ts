/**
 * Where the design being edited comes from. Today a template built by the server;
 * once the server stores applications, `{ kind: 'app', tenant, appId }` loads
 * `GET /api/tenants/:tenant/apps/:appId` (with its ETag) and saves with
 * `PUT` + `If-Match` as a new version.
 */
export type DesignRef =
  | { readonly kind: 'template'; readonly templateId: string }
  | { readonly kind: 'app'; readonly tenant: string; readonly appId: string };

/** A stable string for a design: the key of its local draft and of the editor session. */
export function designKey(ref: DesignRef): string {
  return ref.kind === 'template' ? `template:${ref.templateId}` : `app:${ref.tenant}/${ref.appId}`;
}
