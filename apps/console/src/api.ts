import { type Application, parseApplication } from '@netcanvas/model';

/** A starting point offered by the server. */
export interface TemplateSummary {
  readonly id: string;
  readonly name: string;
  readonly description: string;
}

/** What `/api/health` says about the server and its controller. */
export interface Health {
  readonly status: string;
  readonly controller: { readonly kind: string; readonly detail?: string };
}

/** An API failure with the server's code, shown to the user as is. */
export class ApiError extends Error {
  readonly code: string;
  readonly status: number;

  constructor(status: number, code: string, message: string) {
    super(message);
    this.name = 'ApiError';
    this.status = status;
    this.code = code;
  }
}

async function getJson(path: string): Promise<unknown> {
  let res: Response;
  try {
    res = await fetch(path, { headers: { accept: 'application/json' } });
  } catch (cause) {
    throw new ApiError(
      0,
      'unreachable',
      `the netcanvas server is not reachable (${String(cause)})`,
    );
  }
  const body: unknown = await res.json().catch(() => undefined);
  if (!res.ok) {
    const err = body as { code?: unknown; message?: unknown } | undefined;
    throw new ApiError(
      res.status,
      typeof err?.code === 'string' ? err.code : 'http-error',
      typeof err?.message === 'string' ? err.message : `${path} answered ${res.status}`,
    );
  }
  return body;
}

function isTemplateSummary(x: unknown): x is TemplateSummary {
  const t = x as Partial<TemplateSummary> | null;
  return (
    typeof t?.id === 'string' && typeof t.name === 'string' && typeof t.description === 'string'
  );
}

export async function fetchTemplates(): Promise<TemplateSummary[]> {
  const body = (await getJson('/api/templates')) as { templates?: unknown };
  if (!Array.isArray(body?.templates) || !body.templates.every(isTemplateSummary)) {
    throw new ApiError(
      200,
      'bad-response',
      'the server sent a template list this console cannot read',
    );
  }
  return body.templates;
}

/** Builds an application from a template on the server, and checks its shape here. */
export async function fetchTemplateApp(id: string): Promise<Application> {
  const body = await getJson(`/api/templates/${encodeURIComponent(id)}`);
  const parsed = parseApplication(body);
  if (!parsed.ok) {
    throw new ApiError(
      200,
      'bad-response',
      parsed.diagnostics[0]?.message ?? 'invalid application',
    );
  }
  return parsed.app;
}

export async function fetchHealth(): Promise<Health> {
  return (await getJson('/api/health')) as Health;
}
