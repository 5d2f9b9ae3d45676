/**
 * What a company holds as its head-office address when none was given at
 * registration (api/registrations/registration.service.ts): not a postal
 * address.
 */
export const ADDRESS_TO_COMPLETE = 'Adresse à compléter';

/** The postal address an activation letter can go to, or null when the company has none (blank, or still to complete). */
export function postalAddress(headOfficeAddress: string | null | undefined): string | null {
  const address = headOfficeAddress?.trim();
  return address && address !== ADDRESS_TO_COMPLETE ? address : null;
}
