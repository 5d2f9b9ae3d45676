import type { Validator } from 'react-admin';

/**
 * react-admin's `required()` without the asterisk it adds to labels: the public
 * forms keep their labels exactly as written ("Nom", "SIRET"), which users and
 * the end-to-end tests rely on.
 */
export const mandatory: Validator = (value) =>
  value == null || String(value).trim() === '' ? 'ra.validation.required' : undefined;
