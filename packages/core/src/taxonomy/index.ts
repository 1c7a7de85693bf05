export {
  belongsTo,
  type Classified,
  childrenOf,
  classifyLevel1,
  classifyLevel2,
  compactText,
  inferLevel1,
  isTaxonomyLabel,
  type LabelReading,
  labelReadings,
  mayStartLabel,
  normalizeLabel,
  parentOf,
  type TaxonomyLevel,
} from './classify.ts';
export {
  ECONOMIC_KEYWORDS,
  LEVEL1_LABELS,
  LEVEL2_LABELS,
  type Level1Label,
  type Level2Label,
  SATISFACTION_KEYWORDS,
  type StandardLabel,
  TAXONOMY,
  type Taxonomy,
} from './data.ts';
export { findEconomicKeyword, findKeyword, findSatisfactionKeyword } from './keywords.ts';
