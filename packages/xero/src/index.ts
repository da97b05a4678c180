export * from './call-gate.ts';
export * from './client.ts';
export * from './errors.ts';
export * from './rate-headers.ts';
export * from './xero-adapter.ts';
export * from './identity/index.ts';
