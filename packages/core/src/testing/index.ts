export * from './fake-ports';
export * from './in-memory-grant-store';
export * from './test-broker';
export * from './in-memory-vendor-store';
export * from './in-memory-activity-store';
