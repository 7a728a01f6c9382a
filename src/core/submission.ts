// Collecting the units' returned files into the committee's report (the submission board), pure core: each
// file is recognised and validated on its own (submission/recognize.ts), classified against the files already
// received (submission/batch.ts), and the waiting ones are planned into the report (submission/combine.ts).
// Reading the files, storing the submissions and applying the plan belong to the caller.
export type * from './submission/types';
export { SUBMISSION_STATUSES } from './submission/types';
export { recognizeSubmission, unreadable } from './submission/recognize';
export { classify, diffSubmissions, errorCount, replaceWith } from './submission/batch';
export { planCombine } from './submission/combine';
