import { useState } from 'react';
import { importApp, type StoredApp } from '../api/apps.ts';
import { Modal } from '../shell/Modal.tsx';
import { checkImport, isValid, suggestId } from './app-form.ts';
import { FieldError } from './FieldError.tsx';
import { useTenantControllers } from './useApps.ts';

interface Props {
  readonly tenant: string;
  readonly existingIds: readonly string[];
  readonly onClose: () => void;
  readonly onImported: (app: StoredApp) => void;
}

/** Reads a network netcanvas does not own from one of the tenant's controllers, as a new app. */
export function ImportDialog({ tenant, existingIds, onClose, onImported }: Props) {
  const controllers = useTenantControllers(tenant, true);
  const [controllerId, setControllerId] = useState<number | undefined>();
  const [name, setName] = useState('');
  const [id, setId] = useState('');
  const [idTouched, setIdTouched] = useState(false);
  const [shown, setShown] = useState(false);
  const [error, setError] = useState<string | undefined>();
  const [busy, setBusy] = useState(false);
  const list = controllers.data ?? [];
  const picked = controllerId ?? (list.length === 1 ? list[0]?.id : undefined);
  const effectiveId = idTouched ? id : suggestId(name);
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
    <Modal
      title="Import from controller"
      subtitle="Logical switches, routers and policy that netcanvas does not own become a new application."
      onClose={onClose}
      testId="import-dialog"
      footer={
        <>
          <button type="button" className="btn" onClick={onClose}>
            Cancel
          </button>
          <button type="button" className="btn btn-primary" onClick={submit} disabled={busy}>
            {busy ? 'Importing…' : 'Import'}
          </button>
        </>
      }
    >
      <form
        className="form-grid"
        onSubmit={(e) => {
          e.preventDefault();
          void submit();
        }}
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
        <label className="field">
          <span>Id</span>
          <input
            name="app-id"
            className="mono"
            value={effectiveId}
            onChange={(e) => {
              setIdTouched(true);
              setId(e.target.value);
            }}
          />
          <FieldError shown={shown} message={errors.id} />
        </label>
        <button type="submit" hidden />
      </form>
      {error && (
        <div className="form-error" role="alert">
          {error}
        </div>
      )}
    </Modal>
  );
}
