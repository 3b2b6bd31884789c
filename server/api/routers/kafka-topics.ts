import { clusterTopicsInputSchema, createTopicInputSchema } from '../../model/cluster-topics';
import { createTopic, listTopics } from '../../services/cluster-topics';
import { createTRPCRouter, procedure } from '../trpc';

/**
 * The destination cluster's topics for the wizard's Topic pickers. Mutations (POST) because the
 * input may carry a typed password, which must not end up in a URL or an access log.
 */
export const kafkaTopicsRouter = createTRPCRouter({
  list: procedure.input(clusterTopicsInputSchema).mutation(({ input }) => listTopics(input)),
  create: procedure.input(createTopicInputSchema).mutation(({ input }) => createTopic(input)),
});
