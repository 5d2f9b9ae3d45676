import { Account } from './account/account.entity';
import { AuditEvent } from './audit/audit-event.entity';
import { Company } from './company/company.entity';
import { Establishment } from './company/establishment.entity';
import { ConfirmationToken } from './confirmation/confirmation-token.entity';
import { OutboxMessage } from './mail/outbox-message.entity';
import { Session } from './auth/session.entity';

export const entities = [Company, Establishment, Account, Session, ConfirmationToken, OutboxMessage, AuditEvent];
