import {
  type AddressPlan,
  type Application,
  type Diagnostic,
  parseApplication,
  resolveAddresses,
  validate,
} from '@netcanvas/model';
import { useMemo } from 'react';

const EMPTY_PLAN: AddressPlan = { nics: [], routerPorts: [], problems: [] };

/**
 * Validation and resolved addresses of the application, computed in the browser:
 * shape problems (a field left empty, a number out of range) first, then `validate`.
 */
export function useAnalysis(app: Application | undefined): {
  diagnostics: readonly Diagnostic[];
  plan: AddressPlan;
} {
  return useMemo(() => {
    if (!app) return { diagnostics: [], plan: EMPTY_PLAN };
    const parsed = parseApplication(app);
    const shape = parsed.ok ? [] : parsed.diagnostics;
    return { diagnostics: [...shape, ...validate(app)], plan: resolveAddresses(app) };
  }, [app]);
}
