import type { Letter } from '../types';

/**
 * A letter waiting to be posted: it can be previewed, downloaded and marked
 * posted. Once posted or voided, the server keeps no PDF (it carried the key);
 * a letter held back for want of an address never had one.
 */
export const isPrintable = (letter: Letter) => letter.status === 'PENDING' && !letter.held;
