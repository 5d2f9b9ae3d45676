import { z as zod } from 'zod';

/**
 * The zod the API validates with (ARCHITECTURE.md, "Input discipline"): the
 * same API, but an object refuses keys it does not declare (an unknown
 * filter would otherwise widen a list or a batch), and a string refuses
 * control characters (U+0000–U+001F, U+007F) before anything reaches
 * PostgreSQL or a workflow. Multi-line fields say so with `multilineText()`,
 * which lets tab, line feed and carriage return through. Its own messages
 * are French; `validationLocale` gives a request's language.
 */
export * from 'zod';

zod.config(zod.locales.fr());

const ENGLISH = zod.locales.en().localeError;

/** The error map for a request's language (French unless the client prefers English). */
export const validationLocale = (language: string | false): { error?: typeof ENGLISH } => (language === 'en' ? { error: ENGLISH } : {});

const CONTROL = /[\u0000-\u001f\u007f]/;
const CONTROL_BUT_LINES = /[\u0000-\u0008\u000b\u000c\u000e-\u001f\u007f]/;
export const CONTROL_CHARACTER_MESSAGE = 'Caractères de contrôle interdits';

export const object = zod.strictObject;

export const string: typeof zod.string = ((params?: Parameters<typeof zod.string>[0]) =>
  zod.string(params).refine((s) => !CONTROL.test(s), CONTROL_CHARACTER_MESSAGE)) as typeof zod.string;

/** A text that may hold several lines (an address, a reason typed in a text area). */
export const multilineText = () => zod.string().refine((s) => !CONTROL_BUT_LINES.test(s), CONTROL_CHARACTER_MESSAGE);
