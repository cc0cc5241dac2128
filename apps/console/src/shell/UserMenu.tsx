import { useEffect, useRef, useState } from 'react';
import type { Role } from '../api/session.ts';
import { useSession } from '../session/useSession.ts';

/** The signed-in user and role, with Sign out. */
export function UserMenu({ role }: { readonly role: Role | undefined }) {
  const { session, signOut } = useSession();
  const [open, setOpen] = useState(false);
  const ref = useRef<HTMLDivElement>(null);
  useEffect(() => {
    if (!open) return;
    const close = (e: MouseEvent) => {
      if (!ref.current?.contains(e.target as Node)) setOpen(false);
    };
    window.addEventListener('mousedown', close);
    return () => window.removeEventListener('mousedown', close);
  }, [open]);
  const name = session.user.username;
  const roleText = role ?? (session.user.superuser ? 'server admin' : 'no role');
  return (
    <div className="user-menu" ref={ref}>
      <button
        type="button"
        className="user-button"
        onClick={() => setOpen((o) => !o)}
        aria-expanded={open}
        aria-haspopup="menu"
        title={`${name} · ${roleText}`}
        data-testid="user-menu"
      >
        <span className="avatar" aria-hidden="true">
          {name.slice(0, 1).toUpperCase()}
        </span>
        <span className="user-name">{name}</span>
        <span className="user-role" data-testid="user-role">
          {roleText}
        </span>
      </button>
      {open && (
        <div className="user-popover" role="menu">
          <div className="user-popover-head">
            <strong>{name}</strong>
            <span>
              {session.user.superuser ? 'Server administrator · ' : ''}
              {role ? `${role} in this tenant` : 'no role in this tenant'}
            </span>
          </div>
          <button
            type="button"
            role="menuitem"
            className="menu-item"
            onClick={() => void signOut()}
            data-testid="sign-out"
          >
            Sign out
          </button>
        </div>
      )}
    </div>
  );
}
