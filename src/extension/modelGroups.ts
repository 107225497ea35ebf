// Moved to the core so the CLI (`equilens init`, `equilens check`) groups models the same way.
export { groupModels, type Ensemble, type FoundModel, type ModelGroups } from '../core/load/groupModels';
