import { reviewSheetParts } from '../../src/review/html.js';
import type { ReviewPackage } from '../../src/review/types.js';
import { xliffParts } from '../../src/review/xliff-write.js';

/** The review package's XLIFF as one string, as a run writes it (a run joins the pieces between turns of the event loop). */
export const writeXliff = (pkg: ReviewPackage): string => [...xliffParts(pkg)].join('');

/** The review sheet as one string, as a run writes it. */
export const writeReviewSheet = (pkg: ReviewPackage): string => [...reviewSheetParts(pkg)].join('');
