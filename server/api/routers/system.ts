import { demoDefaults } from '../../services/demo-defaults';
import { createTRPCRouter, publicProcedure } from '../trpc';

export const systemRouter = createTRPCRouter({
  /** Console facts the UI adapts to (demo mode and its ready-made source and destination). */
  info: publicProcedure.query(() => ({ demo: demoDefaults() })),
});
