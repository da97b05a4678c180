import { describe, expect, it } from 'vitest';
import { viewSession } from '../testing/view-session.ts';
import { type BackfillView, backfillPage } from './backfill-page.ts';

const session = viewSession;

const running: BackfillView = {
  id: '00000000-0000-4000-8000-000000000001',
  workspaceId: 'w',
  connectionId: 'c',
  tenantId: 't',
  from: '2026-11-01',
  to: '2026-11-30',
  status: 'running',
  estimate: {
    orders: 300,
    chunks: 3,
    calls: 40,
    dayLimit: 1000,
    headroom: 0.2,
    callsPerDay: 800,
    days: 0.05,
    ordersPerDay: 6000,
    shares: { paid: 1, credited: 0, allocations: 0 },
  },
  totalOrders: 300,
  fedOrders: 120,
  skippedOrders: 30,
  createdAt: new Date('2026-12-01T10:00:00Z'),
  startedAt: new Date('2026-12-01T10:05:00Z'),
  finishedAt: null,
  eta: new Date('2026-12-01T11:00:00Z'),
  dayMs: 86_400_000,
};

describe('backfillPage', () => {
  it('tells a running import’s progress apart: orders handed to the sync and orders skipped', async () => {
    const page = String(
      await backfillPage({ session, flash: null, imports: [running], today: '2026-12-05' }),
    );
    expect(page).toContain('150 of 300 orders through: 120 handed to the sync, 30 skipped');
    expect(page).toContain('<progress max="100" value="50"');
  });
});
