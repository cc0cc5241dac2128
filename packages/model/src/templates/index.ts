import { ModelError } from '../errors.ts';
import type { Template } from './template.ts';
import { threeTier } from './three-tier.ts';
import { twoTier } from './two-tier.ts';

export type { Template, TemplateParams } from './template.ts';

/** The templates users start from, in the order the console lists them. */
export const templates: readonly Template[] = [
  {
    id: 'three-tier',
    name: 'Three-tier web application',
    description:
      'web, app and db tiers behind a router; a load-balanced VIP in front of web; firewall web→app:8080, app→db:5432, everything else dropped; SNAT to an uplink',
    build: threeTier,
  },
  {
    id: 'two-tier',
    name: 'Two-tier application',
    description: 'a front end reachable on 443 and a database only it may reach',
    build: twoTier,
  },
  {
    id: 'empty',
    name: 'Empty application',
    description: 'a blank canvas',
    build: ({ id, name, tenant }) => ({
      schemaVersion: 1,
      id,
      name,
      tenant,
      version: 0,
      objects: [],
      layout: { positions: {}, collapsed: [] },
    }),
  },
];

/** The template with this id; throws `unknown-template` otherwise. */
export function templateById(id: string): Template {
  const t = templates.find((x) => x.id === id);
  if (!t)
    throw new ModelError(
      'unknown-template',
      `no template "${id}"; choose one of ${templates.map((x) => x.id).join(', ')}`,
    );
  return t;
}
