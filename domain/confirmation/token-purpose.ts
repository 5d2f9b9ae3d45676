/** What a confirmation link proves. A plain union, so workflows can name it. */
export const TOKEN_PURPOSES = ['REGISTRATION', 'EMAIL_CONFIRMATION', 'CANDIDACY', 'ARRIVAL'] as const;
export type TokenPurpose = (typeof TOKEN_PURPOSES)[number];
