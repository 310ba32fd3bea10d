export { analyseChanges, DEFAULT_CHANGE_LIMITS } from './analyse.js';
export { judgeChanges, type ChangePolicy } from './judge.js';
export { PDF_CHANGE_CHECKS } from './checks.js';
export {
  LEVEL_OF,
  LEVEL_ORDER,
  levelOf,
  type ChangeAnalysis,
  type ChangeAnalysisOptions,
  type ChangeCategory,
  type ModificationLevel,
  type PdfChange,
} from './types.js';
