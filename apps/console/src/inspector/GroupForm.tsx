import type { Group } from '@netcanvas/model';
import { ListField, TextField } from './fields.tsx';
import { useObjectForm } from './useObjectForm.ts';

/** Group: members by tag or by address. */
export function GroupForm({ object }: { object: Group }) {
  const { replace, seal } = useObjectForm();
  const m = object.members;
  return (
    <>
      <TextField label="Name" path={['name']} wide />
      <div className="field wide">
        <span className="field-label">Members by</span>
        <select
          data-testid="field-members.type"
          value={m.type}
          onChange={(e) => {
            const members =
              e.target.value === 'cidrs'
                ? { type: 'cidrs' as const, cidrs: ['10.0.0.0/8'] }
                : { type: 'tags' as const, tags: ['tier=web'] };
            replace({ ...object, members });
            seal();
          }}
        >
          <option value="tags">tags (workloads carrying all of them)</option>
          <option value="cidrs">addresses (CIDRs)</option>
        </select>
      </div>
      {m.type === 'tags' ? (
        <ListField label="Tags" path={['members', 'tags']} wide placeholder="tier=web" />
      ) : (
        <ListField label="CIDRs" path={['members', 'cidrs']} mono wide placeholder="10.0.0.0/8" />
      )}
    </>
  );
}
