import { PORTFOLIO_ADVISED_MAX_SIRETS } from './portfolio.entity';

/** DOMAIN.md's advice, shown (never enforced) when a portfolio holds more SIRETs than advised. */
export function portfolioAdvice(siretCount: number): string | null {
  return siretCount > PORTFOLIO_ADVISED_MAX_SIRETS
    ? `Ce portefeuille compte ${siretCount} SIRET : il est conseillé de ne pas dépasser ${PORTFOLIO_ADVISED_MAX_SIRETS} SIRET par portefeuille. Répartissez vos établissements dans plusieurs portefeuilles.`
    : null;
}
