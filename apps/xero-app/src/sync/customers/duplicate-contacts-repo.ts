import type { Db } from '../../db/database.ts';
import type { IndexedContact } from './duplicate-contacts.ts';

/** Each organisation of the workspace with the active contacts of its local index (no Xero call). */
export async function indexedContactsByOrganisation(
  db: Db,
  workspaceId: string,
): Promise<
  Array<{ tenantId: string; tenantName: string; refreshedAt: Date | null; contacts: IndexedContact[] }>
> {
  const orgs = await db
    .selectFrom('xero_connections as x')
    .leftJoin('xero_contact_sync as s', 's.tenant_id', 'x.tenant_id')
    .select(['x.tenant_id', 'x.tenant_name', 's.refreshed_at'])
    .where('x.workspace_id', '=', workspaceId)
    .where('x.status', '!=', 'disconnected')
    .orderBy('x.tenant_name')
    .execute();
  const result = [];
  for (const org of orgs) {
    const rows = await db
      .selectFrom('xero_contact_index')
      .select(['contact_id', 'name', 'email_key', 'contact_number'])
      .where('tenant_id', '=', org.tenant_id)
      .where('archived', '=', false)
      .execute();
    result.push({
      tenantId: org.tenant_id,
      tenantName: org.tenant_name,
      refreshedAt: org.refreshed_at ? new Date(org.refreshed_at) : null,
      contacts: rows.map((r) => ({
        id: r.contact_id,
        name: r.name,
        email: r.email_key,
        contactNumber: r.contact_number,
      })),
    });
  }
  return result;
}
