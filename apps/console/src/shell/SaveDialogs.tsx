import { ConflictDialog } from './ConflictDialog.tsx';
import { SaveDialog } from './SaveDialog.tsx';
import type { useSaveFlow } from './useSaveFlow.ts';

/** The save dialog, or the conflict dialog when the server says the version moved. */
export function SaveDialogs({
  tenant,
  appId,
  label,
  version,
  saving,
}: {
  readonly tenant: string;
  readonly appId: string;
  readonly label: string;
  readonly version: number;
  readonly saving: ReturnType<typeof useSaveFlow>;
}) {
  const { flow } = saving;
  if (flow.step === 'message') {
    return (
      <SaveDialog
        label={label}
        version={version}
        busy={flow.busy === true}
        error={flow.error}
        onSave={saving.save}
        onCancel={saving.cancel}
      />
    );
  }
  if (flow.step === 'conflict') {
    return (
      <ConflictDialog
        tenant={tenant}
        appId={appId}
        conflict={flow.conflict}
        busy={flow.busy === true}
        error={flow.error}
        onKeepMine={saving.keepMine}
        onTakeTheirs={() => void saving.takeTheirs()}
        onCancel={saving.cancel}
      />
    );
  }
  return null;
}
