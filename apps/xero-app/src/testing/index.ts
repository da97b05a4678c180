// Test helpers of the app, exported as `@ledgerbridge/xero-app/testing` for the cross-package suites.
export { seedWorkspace } from '../connections/testing/seed-workspace.ts';
export { createFakeOrderCloudAdmin } from '../console/testing/fake-ordercloud-admin.ts';
export { fixtureReference } from './fixture-reference.ts';
export { seedSyncContext } from './seed-sync-context.ts';
export { createTestDatabase, type TestBackend, type TestDatabase, testBackends } from './test-databases.ts';
export { pinDefaultMapping } from './pin-default-mapping.ts';
export { startSmtpSink, type SunkMail } from './smtp-sink.ts';
