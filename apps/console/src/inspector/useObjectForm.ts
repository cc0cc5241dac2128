import { useContext } from 'react';
import { type ObjectForm, ObjectFormContext } from './form.ts';

/** The object the inspector edits, for its fields. */
export function useObjectForm(): ObjectForm {
  const form = useContext(ObjectFormContext);
  if (!form) throw new Error('a field outside of an inspector form');
  return form;
}
