import { Account } from './account/account.entity';
import { AuditEvent } from './audit/audit-event.entity';
import { Company } from './company/company.entity';
import { Establishment } from './company/establishment.entity';
import { ConfirmationToken } from './confirmation/confirmation-token.entity';
import { OutboxMessage } from './mail/outbox-message.entity';
import { Session } from './auth/session.entity';
import { ApiKey } from './auth/api-key.entity';
import { DsnFiling } from './dsn/dsn-filing.entity';
import { EmploymentRelation } from './dsn/employment-relation.entity';
import { DeclarativeService } from './rights/declarative-service.entity';
import { Habilitation } from './rights/habilitation.entity';
import { Portfolio } from './rights/portfolio.entity';
import { PortfolioEstablishment } from './rights/portfolio-establishment.entity';
import { PortfolioService } from './rights/portfolio-service.entity';
import { Candidacy } from './candidacy/candidacy.entity';
import { ActivationLetter } from './candidacy/activation-letter.entity';
import { Arrival } from './collaborators/arrival.entity';
import { Departure } from './collaborators/departure.entity';
import {
  SolteaAllocation,
  SolteaAllocationEvent,
  SolteaApplication,
  SolteaBalance,
  SolteaCampaign,
  SolteaGroup,
  SolteaReminder,
  SolteaRun,
  SolteaRunFailure,
  SolteaTransfer,
} from './soltea/soltea.entities';
import { HabilitationJob, PlannedHabilitationChange, RejectedHabilitationLine } from './habilitation-jobs/habilitation-job.entities';
import { PreventionCheck, PreventionCheckRun, PreventionCorrectionRequest, PreventionDeclaration, PreventionLearner, PreventionWindow } from './prevention/prevention.entities';

export const entities = [
  Company,
  Establishment,
  Account,
  Session,
  ConfirmationToken,
  OutboxMessage,
  AuditEvent,
  ApiKey,
  DeclarativeService,
  Portfolio,
  PortfolioEstablishment,
  PortfolioService,
  Habilitation,
  DsnFiling,
  EmploymentRelation,
  Candidacy,
  ActivationLetter,
  Arrival,
  Departure,
  SolteaCampaign,
  SolteaApplication,
  SolteaBalance,
  SolteaAllocation,
  SolteaAllocationEvent,
  SolteaGroup,
  SolteaTransfer,
  SolteaReminder,
  SolteaRun,
  SolteaRunFailure,
  PreventionDeclaration,
  PreventionLearner,
  PreventionWindow,
  PreventionCheck,
  PreventionCheckRun,
  PreventionCorrectionRequest,
  HabilitationJob,
  PlannedHabilitationChange,
  RejectedHabilitationLine,
];
