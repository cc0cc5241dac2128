import { diffSnapshots, plan } from '@netcanvas/model';
import { z } from 'zod';
import type { ServerContext } from '../context.ts';
import { HttpError } from '../errors.ts';
import type { ApiRoutes } from '../http/route.ts';
import { diffResponse } from '../snapshots/diff.ts';
import { fileChecksum, readSnapshotFile, snapshotFile } from '../snapshots/file.ts';
import { planRestore } from '../snapshots/restore.ts';
import { takeSnapshot } from '../snapshots/take.ts';
import type { SnapshotMeta, StoredSnapshot } from '../store/snapshots.ts';
import { appNotFound, authorOf } from './applications.ts';
import { controllerRow } from './pipeline.ts';
import { planResponse } from './pipeline-apply.ts';
import { AppParams, TenantParams } from './schemas.ts';
import { snapshotScheduleRoutes } from './snapshots-schedule.ts';
import { SiteRemapBody } from './snapshots-schemas.ts';

const SnapshotRef = z
  .string()
  .regex(
    /^[0-9a-f]{8,64}$/,
    'a snapshot id is 8 to 64 lowercase hex digits (a unique prefix will do)',
  );
const SnapshotParams = AppParams.extend({ snapshot: SnapshotRef });
const DiffParams = AppParams.extend({ snapshot: SnapshotRef, other: SnapshotRef });
const ControllerBody = z.object({ controller: z.number().int().min(1) });
const ControllerQuery = z.object({ controller: z.coerce.number().int().min(1) });
const ExportQuery = z.object({ format: z.enum(['yaml', 'json']).default('yaml') });

const RestoreBody = ControllerBody.extend({ remap: SiteRemapBody.optional() });
const ImportBody = z.object({
  file: z.string().min(1, 'send the snapshot file (YAML or JSON) as the "file" string'),
});

export const SnapshotJson = z.object({
  id: z.string(),
  appId: z.string(),
  appVersion: z.number().nullable(),
  source: z.enum(['taken', 'scheduled', 'imported']),
  createdAt: z.string(),
  createdBy: z.string(),
  storedAt: z.string(),
  controller: z.object({ id: z.number().nullable(), name: z.string(), kind: z.string() }),
  stateVersion: z.string(),
  size: z.number(),
});

const DiffJson = z.object({
  from: z.string(),
  to: z.string(),
  summary: z.object({ insert: z.number(), update: z.number(), delete: z.number() }),
  changes: z.array(z.unknown()),
});

/** A stored snapshot's metadata as the API shows it. */
export function snapshotJson(ctx: ServerContext, m: SnapshotMeta): z.infer<typeof SnapshotJson> {
  const row =
    m.controllerId === null ? undefined : ctx.store.controllers.get(m.tenantId, m.controllerId);
  return {
    id: m.id,
    appId: m.appId,
    appVersion: m.appVersion,
    source: m.source,
    createdAt: m.createdAt,
    createdBy: m.createdBy,
    storedAt: m.storedAt,
    controller: {
      id: m.controllerId,
      name: row?.name ?? (m.controllerId === null ? '(imported)' : `#${m.controllerId}`),
      kind: m.controllerKind,
    },
    stateVersion: m.stateVersion,
    size: m.size,
  };
}

/** The app's snapshot with this id (or unique prefix), or 404. */
export function findSnapshot(
  ctx: ServerContext,
  tenant: string,
  appId: string,
  ref: string,
): StoredSnapshot {
  const ids = ctx.store.snapshots.idsByPrefix(tenant, appId, ref);
  if (ids.length > 1)
    throw new HttpError(400, 'invalid-request', `snapshot id ${ref} is ambiguous; give more of it`);
  const found = ids[0] === undefined ? undefined : ctx.store.snapshots.get(tenant, ids[0], appId);
  if (!found)
    throw new HttpError(404, 'not-found', `no snapshot ${ref} of ${appId} in tenant "${tenant}"`);
  return found;
}

/** Snapshots: take, list, export/import as files, diff, and plan a restore (applied via …/apply). */
export function snapshotRoutes(api: ApiRoutes, ctx: ServerContext): void {
  const base = '/tenants/{tenant}/apps/{app}/snapshots';

  api.route(
    {
      method: 'post',
      path: base,
      summary:
        'Snapshot the app as the controller holds it (read back), with its design and layout; 409 not-applied when it holds nothing',
      tag: 'snapshots',
      access: { kind: 'tenant', roles: ['operator'] },
      params: AppParams,
      body: ControllerBody,
      responses: {
        201: { description: 'the snapshot', schema: SnapshotJson },
        200: { description: 'the same content was already snapshotted', schema: SnapshotJson },
      },
    },
    async ({ res, params, body, principal }) => {
      const row = controllerRow(ctx, params.tenant, body.controller);
      const taken = await takeSnapshot(ctx, {
        tenant: params.tenant,
        appId: params.app,
        row,
        actor: authorOf(principal).name,
        source: 'taken',
      });
      res.status(taken.created ? 201 : 200).json(snapshotJson(ctx, taken.meta));
    },
  );

  api.route(
    {
      method: 'get',
      path: base,
      summary: "The app's snapshots, newest first",
      tag: 'snapshots',
      access: { kind: 'tenant', roles: ['viewer'] },
      params: AppParams,
      responses: { 200: { description: 'the snapshots', schema: SnapshotJson.array() } },
    },
    ({ res, params }) => {
      const list = ctx.store.snapshots.list(params.tenant, params.app);
      if (list.length === 0 && !ctx.store.apps.get(params.tenant, params.app))
        throw appNotFound(params.tenant, params.app);
      res.json(list.map((m) => snapshotJson(ctx, m)));
    },
  );

  api.route(
    {
      method: 'get',
      path: `${base}/{snapshot}`,
      summary: 'One snapshot: its metadata and document',
      tag: 'snapshots',
      access: { kind: 'tenant', roles: ['viewer'] },
      params: SnapshotParams,
      responses: { 200: { description: 'the snapshot' } },
    },
    ({ res, params }) => {
      const found = findSnapshot(ctx, params.tenant, params.app, params.snapshot);
      res.json({ ...snapshotJson(ctx, found), snapshot: found.snapshot });
    },
  );

  api.route(
    {
      method: 'get',
      path: `${base}/{snapshot}/export`,
      summary:
        'The snapshot as a file (YAML or JSON, with its content checksum as id); the same bytes every time',
      tag: 'snapshots',
      access: { kind: 'tenant', roles: ['viewer'] },
      params: SnapshotParams,
      query: ExportQuery,
      responses: { 200: { description: 'the file; X-Checksum-Sha256 is the hash of its bytes' } },
    },
    ({ res, params, query }) => {
      const found = findSnapshot(ctx, params.tenant, params.app, params.snapshot);
      const text = snapshotFile(found.snapshot, query.format);
      res.setHeader(
        'content-type',
        query.format === 'json'
          ? 'application/json; charset=utf-8'
          : 'application/yaml; charset=utf-8',
      );
      res.setHeader(
        'content-disposition',
        `attachment; filename="${params.app}-${found.id.slice(0, 12)}.${query.format}"`,
      );
      res.setHeader('x-checksum-sha256', fileChecksum(text));
      res.send(text);
    },
  );

  api.route(
    {
      method: 'post',
      path: '/tenants/{tenant}/snapshots/import',
      summary:
        'Import a snapshot file (`{file}`: YAML or JSON text); a tampered file or a newer schema version is refused, an older one migrated',
      tag: 'snapshots',
      access: { kind: 'tenant', roles: ['operator'] },
      params: TenantParams,
      body: ImportBody,
      responses: {
        201: { description: 'imported' },
        200: { description: 'this snapshot was already here' },
        422: { description: 'snapshot-bad-checksum, snapshot-newer-schema or snapshot-malformed' },
      },
    },
    ({ res, params, body, principal }) => {
      const actor = authorOf(principal).name;
      let read: ReturnType<typeof readSnapshotFile>;
      try {
        read = readSnapshotFile(body.file);
      } catch (err) {
        ctx.store.audit.record({
          tenantId: params.tenant,
          actor,
          action: 'snapshot.import',
          result: 'refused',
          detail: { error: (err as Error).message, code: (err as HttpError).code },
        });
        throw err;
      }
      const appId = read.snapshot.app.id;
      const added = ctx.store.transaction(() => {
        const result = ctx.store.snapshots.add(params.tenant, read.snapshot, {
          source: 'imported',
          appId,
        });
        ctx.store.audit.record({
          tenantId: params.tenant,
          actor,
          action: 'snapshot.import',
          appId,
          result: 'ok',
          detail: { snapshotId: read.snapshot.id, migratedFrom: read.migratedFrom ?? null },
        });
        return result;
      });
      res.status(added.created ? 201 : 200).json({
        ...snapshotJson(ctx, added.meta),
        ...(read.migratedFrom === undefined ? {} : { migratedFrom: read.migratedFrom }),
      });
    },
  );

  api.route(
    {
      method: 'get',
      path: `${base}/{snapshot}/diff/{other}`,
      summary: 'What changes from one snapshot to another, per object (insert, update, delete)',
      tag: 'snapshots',
      access: { kind: 'tenant', roles: ['viewer'] },
      params: DiffParams,
      responses: { 200: { description: 'the diff', schema: DiffJson } },
    },
    ({ res, params }) => {
      const a = findSnapshot(ctx, params.tenant, params.app, params.snapshot);
      const b = findSnapshot(ctx, params.tenant, params.app, params.other);
      res.json({ from: a.id, to: b.id, ...diffResponse(diffSnapshots(a.snapshot, b.snapshot)) });
    },
  );

  api.route(
    {
      method: 'get',
      path: `${base}/{snapshot}/diff-live`,
      summary: 'What changed on a controller since the snapshot (snapshot → live), per object',
      tag: 'snapshots',
      access: { kind: 'tenant', roles: ['viewer'] },
      params: SnapshotParams,
      query: ControllerQuery,
      responses: { 200: { description: 'the diff', schema: DiffJson } },
    },
    async ({ res, params, query }) => {
      const found = findSnapshot(ctx, params.tenant, params.app, params.snapshot);
      const row = controllerRow(ctx, params.tenant, query.controller);
      const { snapshot } = found;
      const live = await (await ctx.controllers.driver(row)).readApplied(
        { tenant: params.tenant, id: params.app },
        snapshot.design ?? snapshot.app,
      );
      const now = live?.app ?? { ...snapshot.app, objects: [] };
      res.json({
        from: found.id,
        to: `live:${row.name}`,
        ...diffResponse(plan(snapshot.app, now)),
      });
    },
  );

  api.route(
    {
      method: 'post',
      path: `${base}/{snapshot}/restore-plan`,
      summary:
        'Plan restoring the snapshot onto a controller (remapped for another site when `remap` is given; validated first); apply it with POST …/apply {planId}',
      tag: 'snapshots',
      access: { kind: 'tenant', roles: ['operator'] },
      params: SnapshotParams,
      body: RestoreBody,
      responses: {
        200: { description: 'the plan, as POST …/plan answers' },
        422: { description: 'design-has-errors: the (remapped) snapshot is not a valid design' },
      },
    },
    async ({ res, params, body, principal }) => {
      const found = findSnapshot(ctx, params.tenant, params.app, params.snapshot);
      const row = controllerRow(ctx, params.tenant, body.controller);
      const { pending, basedOn } = await planRestore(ctx, {
        tenant: params.tenant,
        appId: params.app,
        stored: found,
        row,
        remap: body.remap,
        actor: authorOf(principal).name,
        action: 'restore',
      });
      res.json({
        ...planResponse(pending, row, basedOn),
        snapshot: { id: found.id, createdAt: found.createdAt, createdBy: found.createdBy },
        remapped: body.remap !== undefined,
      });
    },
  );

  snapshotScheduleRoutes(api, ctx);
}
