// The one table of rule kinds. Templates name a kind by its key; the loader refuses any other name, and the UI
// derives its lists from these keys.
import { cap } from './cap';
import { eligibility } from './eligibility';
import { equalAcross } from './equal-across';
import type { RuleKind } from './kind';
import { levelCap } from './level-cap';
import { partOfWhole } from './part-of-whole';
import { partition } from './partition';
import { percentMatches } from './percent-matches';
import { ratioMax } from './ratio-max';
import { scoreBand } from './score-band';
import { sumEquals } from './sum-equals';
import { totals } from './totals';
import { yearChange } from './year-change';

export const RULE_KINDS = {
  'sum-equals': sumEquals,
  partition,
  'part-of-whole': partOfWhole,
  cap,
  'ratio-max': ratioMax,
  percent: percentMatches,
  'equal-across': equalAcross,
  eligibility,
  'score-band': scoreBand,
  totals,
  'level-cap': levelCap,
  'year-change': yearChange,
} as const satisfies Record<string, RuleKind<unknown>>;

export type RuleKindId = keyof typeof RULE_KINDS;

export function isRuleKindId(id: string): id is RuleKindId {
  return Object.hasOwn(RULE_KINDS, id);
}
