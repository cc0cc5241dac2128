import type { Severity } from '@netcanvas/model';

/** Error, warning or info glyph, colored by severity. */
export function SeverityIcon({ severity }: { severity: Severity }) {
  return (
    <svg className={`severity-icon severity-${severity}`} viewBox="0 0 16 16" aria-label={severity}>
      {severity === 'error' && (
        <>
          <circle cx="8" cy="8" r="6.5" />
          <path d="M5.8 5.8l4.4 4.4M10.2 5.8l-4.4 4.4" />
        </>
      )}
      {severity === 'warning' && (
        <>
          <path d="M8 2 1.8 13.2h12.4Z" />
          <path d="M8 6.5v3.2M8 11.6v.1" />
        </>
      )}
      {severity === 'info' && (
        <>
          <circle cx="8" cy="8" r="6.5" />
          <path d="M8 7.2v4M8 4.8v.1" />
        </>
      )}
    </svg>
  );
}
