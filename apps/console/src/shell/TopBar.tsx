import type { Application, Diagnostic } from '@netcanvas/model';
import type { ReactNode } from 'react';
import { useHealth } from '../useHealth.ts';
import type { Theme } from './useTheme.ts';

interface Props {
  readonly app: Application | undefined;
  readonly diagnostics: readonly Diagnostic[];
  /** the design has changes not saved to the server (they are kept in this browser) */
  readonly dirty: boolean;
  /** false until the server can store designs */
  readonly canSave: boolean;
  readonly onDiscard: () => void;
  readonly theme: Theme;
  readonly onTheme: () => void;
  /** status shown before the design's, e.g. the live stream's */
  readonly extra?: ReactNode;
}

function Logo() {
  return (
    <svg className="logo" viewBox="0 0 32 32" aria-hidden="true">
      <rect width="32" height="32" rx="8" fill="#2563eb" />
      <g stroke="#fff" strokeWidth="2.2" fill="#fff">
        <line x1="9" y1="10" x2="23" y2="10" />
        <line x1="9" y1="10" x2="16" y2="22" />
        <line x1="23" y1="10" x2="16" y2="22" />
        <circle cx="9" cy="10" r="3" />
        <circle cx="23" cy="10" r="3" />
        <circle cx="16" cy="22" r="3" />
      </g>
    </svg>
  );
}

/** Product name, where you are, design status and controller status. */
export function TopBar({
  app,
  diagnostics,
  dirty,
  canSave,
  onDiscard,
  theme,
  onTheme,
  extra,
}: Props) {
  const health = useHealth();
  const errors = diagnostics.filter((d) => d.severity === 'error').length;
  const warnings = diagnostics.filter((d) => d.severity === 'warning').length;
  const controller = health.data?.controller;
  const connected = controller !== undefined && controller.kind !== 'none';
  const status = health.isError
    ? { tone: 'bad', text: 'Server unreachable' }
    : !controller
      ? { tone: 'muted', text: 'Checking…' }
      : connected
        ? { tone: 'good', text: controller.kind === 'ovn' ? 'OVN connected' : 'Sandbox controller' }
        : { tone: 'muted', text: 'No controller' };
  return (
    <header className="topbar">
      <div className="brand">
        <Logo />
        <span className="brand-name">netcanvas</span>
      </div>
      <nav className="crumbs" aria-label="location">
        <span>{app?.tenant ?? 'default'}</span>
        <span className="crumb-sep">/</span>
        <span className="crumb-current" data-testid="app-name">
          {app?.name ?? 'No application'}
        </span>
        {app && <span className="version-tag">draft · v{app.version}</span>}
        {dirty && (
          <span
            className="unsaved"
            data-testid="unsaved"
            title="Kept in this browser until the design is saved"
          >
            Unsaved changes
            <button type="button" className="link-btn" onClick={onDiscard} data-testid="discard">
              Discard
            </button>
          </span>
        )}
      </nav>
      <div className="topbar-right">
        {extra}
        {app && (
          <span
            className={`pill ${errors ? 'pill-bad' : warnings ? 'pill-warn' : 'pill-good'}`}
            data-testid="design-status"
          >
            <span className="dot" />
            {errors
              ? `${errors} error${errors === 1 ? '' : 's'}`
              : warnings
                ? `${warnings} warning${warnings === 1 ? '' : 's'}`
                : 'Valid design'}
          </span>
        )}
        <span
          className={`pill pill-${status.tone}`}
          title={controller?.detail}
          data-testid="controller-status"
        >
          <span className="dot" />
          {status.text}
        </span>
        <button
          type="button"
          className="btn btn-icon"
          onClick={onTheme}
          data-testid="theme-toggle"
          aria-label={theme === 'dark' ? 'Switch to light theme' : 'Switch to dark theme'}
          title={theme === 'dark' ? 'Light theme' : 'Dark theme'}
        >
          <svg viewBox="0 0 24 24" aria-hidden="true">
            {theme === 'dark' ? (
              <path d="M12 4V2M12 22v-2M4 12H2M22 12h-2M6 6 4.6 4.6M19.4 19.4 18 18M6 18l-1.4 1.4M19.4 4.6 18 6M12 17a5 5 0 1 0 0-10 5 5 0 0 0 0 10Z" />
            ) : (
              <path d="M20 14.5A8 8 0 0 1 9.5 4a8 8 0 1 0 10.5 10.5Z" />
            )}
          </svg>
        </button>
        <button
          type="button"
          className="btn"
          disabled={!canSave || !dirty}
          title={
            canSave
              ? 'Save as a new version'
              : 'Saving to the server is not available yet; drafts stay in this browser'
          }
        >
          Save
        </button>
        <button
          type="button"
          className="btn btn-primary"
          // the console's plan & apply dialog is not built yet: say so rather than offer a dead button
          disabled
          title={
            connected
              ? 'Applying from the console is not built yet: use `pnpm netcanvas apply` or POST /api/tenants/{tenant}/apps/{app}/plan and /apply'
              : 'Connect a controller to apply designs'
          }
        >
          Apply
        </button>
      </div>
    </header>
  );
}
