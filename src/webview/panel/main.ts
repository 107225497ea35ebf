// Placeholder until the report panel lands (see src/protocol.ts ToPanel/FromPanel).
export {};
