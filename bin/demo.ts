import { DEMO_LOGINS } from '../domain/seed/demo-data';

export const demoPassword = (env = process.env) => env.DEMO_PASSWORD ?? 'Demo-Portail-2026!';

export function demoLoginTable(password: string): string {
  const rows = DEMO_LOGINS.map(
    (l) => `  ${l.role.padEnd(13)} SIRET ${l.siret}  nom ${l.lastName.padEnd(8)} prénom ${l.firstName.padEnd(7)} mot de passe ${password}`,
  );
  return rows.join('\n');
}
