import type { Session } from '../../auth/sessions-repo.ts';

/** A signed-in session for rendering console views in tests (its CSRF token is `csrf-token`). */
export const viewSession: Session = {
  userId: 'u',
  workspaceId: 'w',
  csrfToken: 'csrf-token',
  userName: 'Rev',
  userEmail: 'rev@example.com',
  workspaceName: 'Shop',
  expiresAt: new Date('2027-01-01T00:00:00Z'),
};
