import { type Kysely, sql } from 'kysely';

// Frozen in time: imports nothing from the app.
// Deliveries stored before issue 14 kept OrderCloud's UserToken, headers and ConfigData in clear. The
// migration has no keyring to seal the bodies with, and nothing reads them, so they go with the rest.
export async function up(db: Kysely<unknown>): Promise<void> {
  await sql`
    update inbound_events
    set payload = payload - 'UserToken' - 'ConfigData' - 'Request' - 'Response'
    where source = 'ordercloud'
      and (payload ? 'UserToken' or payload ? 'ConfigData' or payload ? 'Request' or payload ? 'Response')
  `.execute(db);
}

export async function down(): Promise<void> {
  // What was removed is gone on purpose.
}
