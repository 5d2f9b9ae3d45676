/** A date as French mails and letters print it: « 26 novembre 2026 » (Paris time). */
export const frenchDate = (d: Date) => d.toLocaleDateString('fr-FR', { timeZone: 'Europe/Paris', dateStyle: 'long' });
