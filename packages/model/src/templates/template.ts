import type { Application } from '../schema/types.ts';

/** What a new application built from a template is called. */
export interface TemplateParams {
  readonly id: string;
  readonly name: string;
  readonly tenant: string;
}

/** A starting point users pick when creating an application. */
export interface Template {
  readonly id: string;
  readonly name: string;
  readonly description: string;
  readonly build: (params: TemplateParams) => Application;
}
