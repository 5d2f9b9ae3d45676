import type { Letter } from '../types';

/**
 * A letter waiting to be posted: it can be previewed, downloaded and marked
 * posted. Once posted or voided, the server keeps no PDF (it carried the key).
 */
export const isPrintable = (letter: Letter) => letter.status === 'PENDING';
