// Placeholder until the worker lands (see src/protocol.ts ToWorker/FromWorker).
export {};
