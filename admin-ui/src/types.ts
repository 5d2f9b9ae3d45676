import type { Identifier, RaRecord } from 'react-admin';

/**
 * Shapes served by the API (`/api/*`). Records list only the fields the
 * console's code reads; views show the others by `source`.
 */

export type Role = 'SUPPORT' | 'ADMINISTRATOR' | 'DECLARANT';

export interface Identity {
  id: Identifier;
  siret: string;
  lastName: string;
  firstName: string;
  email: string;
  role: Role;
  adminStatus: 'PRIMO_AD' | 'CANDIDATE_AD' | 'ACTIVE' | null;
  companyId: Identifier;
  companySiren: string;
  companyName: string;
}

export interface Company extends RaRecord {
  siren: string;
  legalName: string;
  headOfficeAddress: string;
}

export interface Establishment extends RaRecord {
  siret: string;
  name: string;
}

export interface Account extends RaRecord {
  siret: string;
  lastName: string;
  firstName: string;
}

export interface Registration extends RaRecord {
  legalName: string;
  workflowStatus: string;
  phase: 'AWAITING_CONFIRMATION' | 'CONFIRMING' | 'CONFIRMED' | 'PURGED' | null;
}

export interface OutboxMessage extends RaRecord {
  subject: string;
  links: string[];
}

export interface AuditEvent extends RaRecord {
  action: string;
  targetType: string;
  targetId: string;
}

export interface RegistrationInput {
  siren: string;
  siret: string;
  legalName: string;
  headOfficeAddress: string;
  lastName: string;
  firstName: string;
  email: string;
  password: string;
}

export interface RegistrationConfirmation {
  status: 'CONFIRMED';
  siret: string;
  lastName: string;
  firstName: string;
}
