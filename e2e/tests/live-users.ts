/** Who the live harness (e2e/live-server.ts) knows: its admin and the `acme` tenant's members. */
export const LIVE_ADMIN = { username: 'admin', password: 'live-e2e-admin-password' } as const;
export const LIVE_TENANT = 'acme';
export const LIVE_DESIGNER = {
  username: 'dana',
  password: 'dana-draws-networks',
  role: 'designer',
};
export const LIVE_OPERATOR = { username: 'olga', password: 'olga-runs-networks', role: 'operator' };
export const LIVE_VIEWER = { username: 'vic', password: 'vic-watches-networks', role: 'viewer' };
export const LIVE_MEMBERS = [LIVE_DESIGNER, LIVE_OPERATOR, LIVE_VIEWER] as const;
