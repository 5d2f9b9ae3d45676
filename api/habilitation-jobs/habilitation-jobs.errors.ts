import { DomainError } from '../../domain/shared/domain-error';

/** The mass habilitation jobs' refusals (DOMAIN.md « Mass habilitation management »): stable HABILITATION_JOB.* codes. */
export const jobNotFound = () => new DomainError('NOT_FOUND', 'HABILITATION_JOB.NOT_FOUND', 'Demande de traitement de masse introuvable.');
export const supportReadOnly = () =>
  new DomainError('FORBIDDEN', 'HABILITATION_JOB.SUPPORT_READ_ONLY', 'Réservé aux administrateurs de l’entreprise : le support consulte et annule les demandes, sans en déposer ni en confirmer.');
export const notCsv = () => new DomainError('INVALID', 'HABILITATION_JOB.NOT_CSV', 'Envoyez le fichier brut en corps de requête, avec l’en-tête Content-Type: text/csv.');
export const dryRunKo = () =>
  new DomainError('CONFLICT', 'HABILITATION_JOB.DRY_RUN_KO', 'La simulation de ce fichier est KO : rien ne peut en être appliqué ; corrigez le fichier puis déposez-le à nouveau.');
export const alreadyStarted = () => new DomainError('CONFLICT', 'HABILITATION_JOB.ALREADY_STARTED', 'Cette demande a déjà été confirmée.');
export const notStarted = () => new DomainError('CONFLICT', 'HABILITATION_JOB.NOT_STARTED', 'Cette demande n’a pas encore été confirmée.');
export const notAwaitingConfirmation = () =>
  new DomainError('CONFLICT', 'HABILITATION_JOB.NOT_AWAITING_CONFIRMATION', 'Cette demande n’attend pas de confirmation de ses retraits.');
export const applyingStarted = () => new DomainError('CONFLICT', 'HABILITATION_JOB.APPLYING_STARTED', 'Cette demande est en cours d’application : elle ne peut plus être annulée.');
export const jobClosed = () => new DomainError('CONFLICT', 'HABILITATION_JOB.CLOSED', 'Cette demande est terminée, annulée ou expirée.');
