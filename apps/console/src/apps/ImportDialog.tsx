import { useState } from 'react';
import { importApp, type StoredApp } from '../api/apps.ts';
import { useControllers } from '../deploy/useControllers.ts';
import { AppIdField, useAppIdentity } from './AppIdField.tsx';
import { checkImport, isValid } from './app-form.ts';
import { FieldError } from './FieldError.tsx';
import { FormModal } from './FormModal.tsx';

interface Props {
  readonly tenant: string;
  readonly existingIds: readonly string[];
  readonly onClose: () => void;
  readonly onImported: (app: StoredApp) => void;
}

/** Reads a network netcanvas does not own from one of the tenant's controllers, as a new app. */
export function ImportDialog({ tenant, existingIds, onClose, onImported }: Props) {
  const controllers = useControllers(tenant);
  const [controllerId, setControllerId] = useState<number | undefined>();
  const { name, setName, id: effectiveId, editId } = useAppIdentity();
  const [shown, setShown] = useState(false);
  const [error, setError] = useState<string | undefined>();
  const [busy, setBusy] = useState(false);
  const list = controllers.data ?? [];
  const picked = controllerId ?? (list.length === 1 ? list[0]?.id : undefined);
  const errors = checkImport({ name, id: effectiveId, controllerId: picked }, existingIds);

  const submit = async () => {
    setShown(true);
    if (!isValid(errors) || picked === undefined) return;
    setBusy(true);
    setError(undefined);
    try {
      onImported(
        await importApp(tenant, picked, { id: effectiveId, name: name.trim(), message: '' }),
      );
    } catch (err) {
      setError(err instanceof Error ? err.message : String(err));
      setBusy(false);
    }
  };

  return (
    <FormModal
      title="Import from controller"
      subtitle="Logical switches, routers and policy that netcanvas does not own become a new application."
      testId="import-dialog"
      submit={['Import', 'Importing…']}
      busy={busy}
      error={error}
      onSubmit={() => void submit()}
      onClose={onClose}
    >
      <label className="field">
        <span>Controller</span>
        <select
          name="controller"
          value={picked ?? ''}
          onChange={(e) => setControllerId(e.target.value ? Number(e.target.value) : undefined)}
        >
          <option value="">
            {controllers.isPending ? 'Loading controllers…' : 'Choose a controller'}
          </option>
          {list.map((c) => (
            <option key={c.id} value={c.id}>
              {c.name} ({c.kind})
            </option>
          ))}
        </select>
        {controllers.isError && <span className="field-error">{controllers.error.message}</span>}
        <FieldError shown={shown} message={errors.controller} />
      </label>
      <label className="field">
        <span>Name</span>
        <input name="app-name" value={name} onChange={(e) => setName(e.target.value)} />
        <FieldError shown={shown} message={errors.name} />
      </label>
      <AppIdField value={effectiveId} onChange={editId} shown={shown} error={errors.id} />
    </FormModal>
  );
}
