/** The netcanvas mark. */
export function Logo() {
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
