import { useState } from 'react';
import { suggestId } from './app-form.ts';
import { FieldError } from './FieldError.tsx';

/** A new app's name and id: the id follows the name until the user edits it. */
export function useAppIdentity() {
  const [name, setName] = useState('');
  const [id, setId] = useState('');
  const [idTouched, setIdTouched] = useState(false);
  return {
    name,
    setName,
    id: idTouched ? id : suggestId(name),
    editId: (value: string) => {
      setIdTouched(true);
      setId(value);
    },
  };
}

interface Props {
  readonly value: string;
  readonly onChange: (id: string) => void;
  readonly shown: boolean;
  readonly error: string | undefined;
  readonly placeholder?: string;
}

/** The app id input of the new and import dialogs. */
export function AppIdField({ value, onChange, shown, error, placeholder }: Props) {
  return (
    <label className="field">
      <span>Id</span>
      <input
        name="app-id"
        className="mono"
        value={value}
        onChange={(e) => onChange(e.target.value)}
        placeholder={placeholder}
      />
      <FieldError shown={shown} message={error} />
    </label>
  );
}
