import type { Identifier } from 'react-admin';
import { apiUrl, postJson, segment } from '../httpClient';
import type { BulkResult, Letter } from '../types';

/** One letter's PDF, served inline (preview) with the session cookie. */
export const letterPdfUrl = (id: Identifier) => `${apiUrl}/letters/${segment(id)}/pdf`;

/** The selected letters merged into one PDF, for one print run. */
export const mergedLettersPdfUrl = (ids: Identifier[]) => `${apiUrl}/letters/pdf?ids=${ids.map(segment).join(',')}`;

/** Support has put the letter in the post: the key's validity starts now. */
export const markLetterPosted = (id: Identifier) => postJson<Letter>(`/letters/${segment(id)}/posted`);

export const markLettersPosted = (ids: Identifier[]) =>
  postJson<{ results: BulkResult[] }>('/letters/posted', { ids }).then(({ results }) => results);
