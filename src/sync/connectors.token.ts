/** Injection token of the connector registry (a Map<Platform, Connector> from connectors/registry.ts). */
export const CONNECTORS = Symbol('CONNECTORS');
