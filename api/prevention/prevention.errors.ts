import { DomainError } from '../../domain/shared/domain-error';
import { frenchDay } from '../soltea/soltea.errors';

/** The prevention passport's answers: stable codes (`PREVENTION.*`), French messages, field errors keyed as react-admin forms expect them. */

export const invalidField = (field: string, code: string, message: string) => new DomainError('INVALID', code, message, { [field]: message });

/** Whether it exists is never said. */
export const declarantNotFound = () =>
  new DomainError('NOT_FOUND', 'PREVENTION.DECLARANT_NOT_FOUND', 'Établissement déclarant introuvable parmi ceux pour lesquels vous déclarez au Passeport de prévention.', {
    declarantSiret: 'Vous ne déclarez pas pour cet établissement',
  });

export const declarationNotFound = () => new DomainError('NOT_FOUND', 'PREVENTION.DECLARATION_NOT_FOUND', 'Déclaration introuvable.');

export const learnersNotFound = (ids: string[]) =>
  new DomainError('NOT_FOUND', 'PREVENTION.LEARNER_NOT_FOUND', 'Apprenant introuvable parmi les vôtres : rien n’a été modifié.', undefined, { ids });

export const supportReadOnly = () => new DomainError('FORBIDDEN', 'PREVENTION.SUPPORT_READ_ONLY', 'Le support consulte les déclarations ; il n’en dépose ni n’en vérifie.');

export const notOpenYet = (opensOn: string) =>
  new DomainError('CONFLICT', 'PREVENTION.NOT_OPEN_YET', `Ce service ouvre le ${frenchDay(opensOn)}.`, undefined, { opensOn });

/** Lines that are no longer to verify (or whose window is over): nothing was changed. */
export const notVerifiable = (lines: { id: string; reason: string }[]) =>
  new DomainError('CONFLICT', 'PREVENTION.NOT_VERIFIABLE', 'Certaines lignes ne sont plus à vérifier (déjà traitées, ou délai de vérification passé) : rien n’a été modifié.', undefined, {
    lines,
  });
