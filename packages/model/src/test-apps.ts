import type { Application, NetworkObject } from './schema/types.ts';
import { templateById } from './templates/index.ts';

/** The three-tier template as a fresh application (test helper). */
export function threeTierApp(): Application {
  return templateById('three-tier').build({ id: 'shop', name: 'shop', tenant: 'acme' });
}

/** A copy of the app with one object replaced by `edit(object)` (test helper). */
export function editObject<T extends NetworkObject>(
  app: Application,
  id: string,
  edit: (obj: T) => T,
): Application {
  return {
    ...app,
    objects: app.objects.map((o) => (o.id === id ? edit(structuredClone(o) as T) : o)),
  };
}

/** A copy of the app with extra objects (test helper). */
export function withObjects(app: Application, ...objects: NetworkObject[]): Application {
  return { ...app, objects: [...app.objects, ...objects] };
}
