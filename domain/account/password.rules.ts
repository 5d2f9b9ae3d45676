/** Password strength: what the registration and account forms enforce. */
export const PASSWORD_MIN_LENGTH = 12;

export function passwordWeakness(password: string): string | undefined {
  if (password.length < PASSWORD_MIN_LENGTH) {
    return `Le mot de passe doit compter au moins ${PASSWORD_MIN_LENGTH} caractères.`;
  }
  const classes = [/[a-z]/, /[A-Z]/, /\d/, /[^A-Za-z0-9]/].filter((re) => re.test(password)).length;
  if (classes < 3) {
    return 'Le mot de passe doit mêler au moins trois types de caractères : minuscules, majuscules, chiffres, symboles.';
  }
  return undefined;
}
