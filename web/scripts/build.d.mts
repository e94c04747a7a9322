export function sourceHash(): string;
export function isStale(): boolean;
export function buildWeb(options?: { ifStale?: boolean; quiet?: boolean }): Promise<boolean>;
