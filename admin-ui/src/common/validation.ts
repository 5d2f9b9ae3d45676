import type { Validator } from 'react-admin';

/**
 * react-admin's `required()` without the asterisk it adds to labels: the public
 * forms keep their labels exactly as written ("Nom", "SIRET"), which users and
 * the end-to-end tests rely on.
 */
export const mandatory: Validator = (value) =>
  value == null || String(value).trim() === '' ? 'ra.validation.required' : undefined;

/** The confirmation field of a password form: equal to its `password` field. */
export const samePassword: Validator = (value, values: { password?: string }) =>
  value === values.password ? undefined : 'app.register.password_mismatch';
