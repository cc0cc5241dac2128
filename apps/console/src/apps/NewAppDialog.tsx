import { templates } from '@netcanvas/model';
import { useState } from 'react';
import { createApp, type StoredApp } from '../api/apps.ts';
import { AppIdField, useAppIdentity } from './AppIdField.tsx';
import { checkAppName, isValid } from './app-form.ts';
import { FieldError } from './FieldError.tsx';
import { FormModal } from './FormModal.tsx';

interface Props {
  readonly tenant: string;
  readonly existingIds: readonly string[];
  readonly onClose: () => void;
  readonly onCreated: (app: StoredApp) => void;
}

/** Name, id and a starting template; creates version 1 on the server. */
export function NewAppDialog({ tenant, existingIds, onClose, onCreated }: Props) {
  const { name, setName, id: effectiveId, editId } = useAppIdentity();
  const [templateId, setTemplateId] = useState(templates[0]?.id ?? 'empty');
  const [shown, setShown] = useState(false);
  const [error, setError] = useState<string | undefined>();
  const [busy, setBusy] = useState(false);
  const errors = checkAppName({ name, id: effectiveId }, existingIds);

  const create = async () => {
    setShown(true);
    if (!isValid(errors)) return;
    const template = templates.find((t) => t.id === templateId);
    if (!template) return;
    setBusy(true);
    setError(undefined);
    try {
      const app = template.build({ id: effectiveId, name: name.trim(), tenant });
      onCreated(
        await createApp(tenant, app, `created from the ${template.name.toLowerCase()} template`),
      );
    } catch (err) {
      setError(err instanceof Error ? err.message : String(err));
      setBusy(false);
    }
  };

  return (
    <FormModal
      title="New application"
      subtitle={`in tenant ${tenant}`}
      testId="new-app-dialog"
      submit={['Create', 'Creating…']}
      busy={busy}
      error={error}
      onSubmit={() => void create()}
      onClose={onClose}
    >
      <label className="field">
        <span>Name</span>
        <input
          name="app-name"
          // biome-ignore lint/a11y/noAutofocus: the dialog opens for this
          autoFocus
          value={name}
          onChange={(e) => setName(e.target.value)}
          placeholder="Web shop"
        />
        <FieldError shown={shown} message={errors.name} />
      </label>
      <AppIdField
        value={effectiveId}
        onChange={editId}
        shown={shown}
        error={errors.id}
        placeholder="web-shop"
      />
      <fieldset className="template-choice">
        <legend>Start from</legend>
        {templates.map((t) => (
          <label key={t.id} className={t.id === templateId ? 'choice chosen' : 'choice'}>
            <input
              type="radio"
              name="template"
              value={t.id}
              checked={t.id === templateId}
              onChange={() => setTemplateId(t.id)}
            />
            <span className="choice-name">{t.name}</span>
            <span className="choice-desc">{t.description}</span>
          </label>
        ))}
      </fieldset>
    </FormModal>
  );
}
