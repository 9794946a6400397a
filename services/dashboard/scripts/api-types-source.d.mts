export const DOCUMENT: string;
export const GENERATED: string;
export function apiTypes(): Promise<string>;
