/** Public surface of the Oracle simulator (see registry.ts for the host-name convention). */
export { CDB_ROOT, createSimDatabase, isCommonUser, SimDatabase, type SimDatabaseOptions } from './sim-database';
export { SimGateway, type SimGatewayOptions } from './sim-gateway';
export { SimSession, type KeyInput, type RowInput } from './session';
export { ManualClock, realClock, type SimClock } from './sim-clock';
export { installSampleCdb, installSampleSchema, SAMPLE_ACCOUNTS, type SampleSchemaOptions } from './sample-schema';
export { LONG_TABLE_NAME } from './sample-ddl';
export { Workload, type WorkloadOptions, type WorkloadStats } from './workload';
export {
  DEMO_CDB,
  DEMO_DATABASE,
  getDemoCdb,
  getDemoDatabase,
  getSimDatabase,
  isSimHost,
  openSimGateway,
  registerSimDatabase,
  startDemoWorkload,
  stopDemoWorkload,
  unregisterSimDatabase,
} from './registry';
