// The config loader's public surface (the CLI's check and init, the editor's diagnostics).
export type { AuditEntry, AuditSettings, ConfigError, EquiLensConfig, ProbesConfig, ResolvedAudit, ThresholdName, Thresholds } from './types';
export { THRESHOLD_NAMES } from './types';
export { CONFIG_SCHEMA } from './schema';
export { CONFIG_FILE, formatConfigError, loadConfigText, readConfig, type LoadedConfig } from './loadConfig';
export { parseConfig } from './parse';
export { lineColumn, displayPath } from './textPosition';
