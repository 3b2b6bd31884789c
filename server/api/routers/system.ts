import { demoDefaults } from '../../services/demo-defaults';
import { createTRPCRouter, procedure } from '../trpc';

export const systemRouter = createTRPCRouter({
  /** Console facts the UI adapts to (demo mode and its ready-made source and destination). */
  info: procedure.query(() => ({ demo: demoDefaults() })),
});
