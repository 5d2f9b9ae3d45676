import type { MigrationObject } from '@mikro-orm/core';
import { Migration20261126000000_initial } from './Migration20261126000000_initial';
import { Migration20261126100000_rights } from './Migration20261126100000_rights';
import { Migration20261126150000_access_feed } from './Migration20261126150000_access_feed';
import { Migration20261126200000_candidacy } from './Migration20261126200000_candidacy';
import { Migration20261126250000_secret_question } from './Migration20261126250000_secret_question';
import { Migration20261126260000_sealed_letters } from './Migration20261126260000_sealed_letters';
import { Migration20261126300000_collaborators } from './Migration20261126300000_collaborators';
import { Migration20261202100000_radiated_identity_free } from './Migration20261202100000_radiated_identity_free';
import { Migration20261202110000_held_letters } from './Migration20261202110000_held_letters';
import { Migration20261203100000_departure_waiting_code } from './Migration20261203100000_departure_waiting_code';
import { Migration20261203200000_pending_email } from './Migration20261203200000_pending_email';
import { Migration20261203300000_stale_candidate_accounts } from './Migration20261203300000_stale_candidate_accounts';
import { Migration20261204100000_soltea } from './Migration20261204100000_soltea';
import { Migration20261205100000_prevention } from './Migration20261205100000_prevention';
import { Migration20261205200000_prevention_checks } from './Migration20261205200000_prevention_checks';
import { Migration20261206100000_prevention_learner_pseudonym } from './Migration20261206100000_prevention_learner_pseudonym';
import { Migration20261206200000_prevention_check_cancelled } from './Migration20261206200000_prevention_check_cancelled';
import { Migration20261207100000_prevention_correction_request } from './Migration20261207100000_prevention_correction_request';
import { Migration20261207200000_prevention_correction_request_recorded } from './Migration20261207200000_prevention_correction_request_recorded';
import { Migration20261208100000_habilitation_jobs } from './Migration20261208100000_habilitation_jobs';
import { Migration20261209100000_habilitation_job_header } from './Migration20261209100000_habilitation_job_header';

/** Every migration, in order. Add new files here: the list is what runs. */
export const migrationsList: MigrationObject[] = [
  { name: 'Migration20261126000000_initial', class: Migration20261126000000_initial },
  { name: 'Migration20261126100000_rights', class: Migration20261126100000_rights },
  { name: 'Migration20261126150000_access_feed', class: Migration20261126150000_access_feed },
  { name: 'Migration20261126200000_candidacy', class: Migration20261126200000_candidacy },
  { name: 'Migration20261126250000_secret_question', class: Migration20261126250000_secret_question },
  { name: 'Migration20261126260000_sealed_letters', class: Migration20261126260000_sealed_letters },
  { name: 'Migration20261126300000_collaborators', class: Migration20261126300000_collaborators },
  { name: 'Migration20261202100000_radiated_identity_free', class: Migration20261202100000_radiated_identity_free },
  { name: 'Migration20261202110000_held_letters', class: Migration20261202110000_held_letters },
  { name: 'Migration20261203100000_departure_waiting_code', class: Migration20261203100000_departure_waiting_code },
  { name: 'Migration20261203200000_pending_email', class: Migration20261203200000_pending_email },
  { name: 'Migration20261203300000_stale_candidate_accounts', class: Migration20261203300000_stale_candidate_accounts },
  { name: 'Migration20261204100000_soltea', class: Migration20261204100000_soltea },
  { name: 'Migration20261205100000_prevention', class: Migration20261205100000_prevention },
  { name: 'Migration20261205200000_prevention_checks', class: Migration20261205200000_prevention_checks },
  { name: 'Migration20261206100000_prevention_learner_pseudonym', class: Migration20261206100000_prevention_learner_pseudonym },
  { name: 'Migration20261206200000_prevention_check_cancelled', class: Migration20261206200000_prevention_check_cancelled },
  { name: 'Migration20261207100000_prevention_correction_request', class: Migration20261207100000_prevention_correction_request },
  { name: 'Migration20261207200000_prevention_correction_request_recorded', class: Migration20261207200000_prevention_correction_request_recorded },
  { name: 'Migration20261208100000_habilitation_jobs', class: Migration20261208100000_habilitation_jobs },
  { name: 'Migration20261209100000_habilitation_job_header', class: Migration20261209100000_habilitation_job_header },
];
