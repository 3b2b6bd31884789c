export function metadataProbe(host: string, port: number, timeoutMs?: number): Promise<{ brokers: { nodeId: number; host: string; port: number }[] }>;
