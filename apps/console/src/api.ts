import { type Application, parseApplication } from '@netcanvas/model';
import { ApiError, getJson } from './api/http.ts';

export { ApiError } from './api/http.ts';

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

function isTemplateSummary(x: unknown): x is TemplateSummary {
  const t = x as Partial<TemplateSummary> | null;
  return (
    typeof t?.id === 'string' && typeof t.name === 'string' && typeof t.description === 'string'
  );
}

export async function fetchTemplates(): Promise<TemplateSummary[]> {
  const body = await getJson<{ templates?: unknown }>('/api/templates');
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
  return getJson<Health>('/api/health');
}
