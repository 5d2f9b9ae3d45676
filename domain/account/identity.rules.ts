/**
 * The login key of a digital identity: SIRET + last name + first name,
 * compared without case, accents or extra spaces ("Élodie  Dupont-Martin"
 * and "ELODIE DUPONT-MARTIN" are the same person).
 */
export function normaliseName(name: string): string {
  return name
    .normalize('NFD')
    .replace(/[\u0300-\u036f]/g, '')
    .replace(/\s+/g, ' ')
    .trim()
    .toUpperCase();
}

export function identityKey(siret: string, lastName: string, firstName: string): string {
  return `${siret.trim()}|${normaliseName(lastName)}|${normaliseName(firstName)}`;
}
