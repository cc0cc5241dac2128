import {
  type AddressPlan,
  type Application,
  type Diagnostic,
  parseApplication,
  resolveAddresses,
  validate,
} from '@netcanvas/model';
import { useRef } from 'react';

interface Analysis {
  readonly diagnostics: readonly Diagnostic[];
  readonly plan: AddressPlan;
}

/** Whether two versions of a design differ only in layout (validation never reads it). */
function sameNetwork(a: Application, b: Application): boolean {
  if (a === b) return true;
  const keys = new Set([...Object.keys(a), ...Object.keys(b)] as (keyof Application)[]);
  keys.delete('layout');
  return [...keys].every((k) => a[k] === b[k]);
}

/** no design, no findings: one object, so a render without a design changes nothing */
const NONE: Analysis = {
  diagnostics: [],
  plan: { nics: [], routerPorts: [], problems: [] },
};

function analyse(app: Application): Analysis {
  const parsed = parseApplication(app);
  const shape = parsed.ok ? [] : parsed.diagnostics;
  return { diagnostics: [...shape, ...validate(app)], plan: resolveAddresses(app) };
}

/**
 * Validation and resolved addresses of the application, computed in the browser:
 * shape problems (a field left empty, a number out of range) first, then `validate`.
 * Moving nodes changes only the layout, so a drop does not validate the design again.
 */
export function useAnalysis(app: Application | undefined): Analysis {
  const last = useRef<{ app: Application; analysis: Analysis } | undefined>(undefined);
  if (!app) return NONE;
  if (!last.current || !sameNetwork(last.current.app, app)) {
    last.current = { app, analysis: analyse(app) };
  }
  return last.current.analysis;
}
