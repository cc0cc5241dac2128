import {
  type AddressPlan,
  type Application,
  type Diagnostic,
  resolveAddresses,
  validate,
} from '@netcanvas/model';
import { useMemo } from 'react';

/** Validation and resolved addresses of the application, computed in the browser. */
export function useAnalysis(app: Application | undefined): {
  diagnostics: readonly Diagnostic[];
  plan: AddressPlan;
} {
  return useMemo(() => {
    if (!app) return { diagnostics: [], plan: { nics: [], routerPorts: [], problems: [] } };
    return { diagnostics: validate(app), plan: resolveAddresses(app) };
  }, [app]);
}
