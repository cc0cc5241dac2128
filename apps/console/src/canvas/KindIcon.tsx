import type { ObjectKind } from '@netcanvas/model';
import type { ReactElement } from 'react';
import { KIND_STYLES } from './kinds.ts';

const PATHS: Record<ObjectKind, ReactElement> = {
  switch: (
    <>
      <rect x="3" y="7" width="18" height="10" rx="2" />
      <path d="M7 11h.01M10 11h.01M13 11h.01M16 11h.01M7 14h10" />
    </>
  ),
  router: (
    <>
      <circle cx="12" cy="12" r="8.5" />
      <path d="M12 5.5v4M12 14.5v4M5.5 12h4M14.5 12h4M10.5 7l1.5-1.5L13.5 7M10.5 17l1.5 1.5 1.5-1.5M7 10.5 5.5 12 7 13.5M17 10.5l1.5 1.5-1.5 1.5" />
    </>
  ),
  workload: (
    <>
      <rect x="3.5" y="4" width="17" height="12" rx="1.5" />
      <path d="M8 20h8M12 16v4M7 8h6M7 11h4" />
    </>
  ),
  loadBalancer: (
    <>
      <circle cx="12" cy="5" r="2" />
      <circle cx="5" cy="19" r="2" />
      <circle cx="12" cy="19" r="2" />
      <circle cx="19" cy="19" r="2" />
      <path d="M12 7v10M12 10l-6 7M12 10l6 7" />
    </>
  ),
  group: (
    <>
      <rect x="3" y="3" width="18" height="18" rx="3" strokeDasharray="3 2.2" />
      <circle cx="9" cy="10" r="2" />
      <circle cx="15" cy="10" r="2" />
      <path d="M6.5 16.5c.6-1.5 1.5-2.2 2.5-2.2s1.9.7 2.5 2.2M12.5 16.5c.6-1.5 1.5-2.2 2.5-2.2s1.9.7 2.5 2.2" />
    </>
  ),
  firewall: (
    <>
      <path d="M12 3 4.5 6v5.5c0 4.6 3.1 8.1 7.5 9.5 4.4-1.4 7.5-4.9 7.5-9.5V6Z" />
      <path d="M8.5 12h7M8.5 9h7M8.5 15h7M12 9v3M10 12v3M14 12v3" />
    </>
  ),
  qos: (
    <>
      <path d="M4 17a8 8 0 1 1 16 0" />
      <path d="m12 17 4-5M7 13l1 1M17 13l-1 1M12 9v1.5" />
    </>
  ),
  uplink: (
    <>
      <path d="M4 17.5a4 4 0 0 1 .8-7.9 6 6 0 0 1 11.6 1A3.5 3.5 0 0 1 19 17.5Z" />
      <path d="M12 21v-8M9.5 15.5 12 13l2.5 2.5" />
    </>
  ),
};

/** The icon of an object kind, drawn in the kind's color. */
export function KindIcon({ kind, size = 18 }: { kind: ObjectKind; size?: number }) {
  return (
    <svg
      className="kind-icon"
      width={size}
      height={size}
      viewBox="0 0 24 24"
      fill="none"
      stroke={KIND_STYLES[kind].color}
      strokeWidth="1.7"
      strokeLinecap="round"
      strokeLinejoin="round"
      aria-hidden="true"
    >
      {PATHS[kind]}
    </svg>
  );
}
