export type * from './types.js';
export { check, defineChecks, withDetail, type CheckDef, type CheckOptions } from './check.js';
export { verdictOf, worstOf, type Verdict } from './indication.js';
export { adviceFor, ADVICE } from './advice.js';
export { INDICATION_LABELS, STATUS_LABELS, SUB_INDICATION_LABELS, subIndicationLabel } from './labels.js';
export { summarise, type BatchSummary } from './summarise.js';
export { renderJson, renderJsonBatch, toJsonValue, type BatchJson, type JsonRenderOptions } from './render-json.js';
export { renderText, sanitizeForTerminal, type Language, type TextRenderOptions } from './render-text.js';
export { CHECK_GROUPS, checkCatalogue, findCheck } from './catalogue.js';
