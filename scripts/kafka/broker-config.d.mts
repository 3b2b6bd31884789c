export function serverProperties(o: { plaintextPort: number; saslPort: number; controllerPort: number; dataDir: string; scramUser: string }): string;
export function log4j2Properties(): string;
export function newClusterId(): string;
export function scramArg(user: string, password: string): string;
