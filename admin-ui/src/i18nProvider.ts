import polyglotI18nProvider from 'ra-i18n-polyglot';
import { fr } from './i18n/fr';

/** French by default; English is loaded on demand from the app bar's language menu. */
export const i18nProvider = polyglotI18nProvider(
  (locale) => (locale === 'en' ? import('./i18n/en').then((module) => module.en) : fr),
  'fr',
  [
    { locale: 'fr', name: 'Français' },
    { locale: 'en', name: 'English' },
  ],
);
