import { defineSearchAttributeKey, SearchAttributeType } from '@temporalio/common';

/**
 * Custom search attributes of the back-office's workflows: what supervision
 * filters on. Registered with the dev server at start (bin/temporal-dev-server.ts)
 * and by `temporal operator search-attribute create` on a real cluster.
 */
export const CompanySiren = defineSearchAttributeKey('CompanySiren', SearchAttributeType.KEYWORD);
export const SubjectAccount = defineSearchAttributeKey('SubjectAccount', SearchAttributeType.KEYWORD);
export const BusinessPhase = defineSearchAttributeKey('BusinessPhase', SearchAttributeType.KEYWORD);
export const AwaitedRole = defineSearchAttributeKey('AwaitedRole', SearchAttributeType.KEYWORD);
export const DueDate = defineSearchAttributeKey('DueDate', SearchAttributeType.DATETIME);

export const SEARCH_ATTRIBUTE_KEYS = [CompanySiren, SubjectAccount, BusinessPhase, AwaitedRole, DueDate];

export interface BusinessState {
  phase: string;
  /** Who must act next (ADMINISTRATOR, SUPPORT, PRIMO_AD, DECLARANT…); null when nobody. */
  awaitedRole: string | null;
  /** When the wait ends by itself (expiry, purge…); null when it does not. */
  dueDate: Date | null;
}

/** The pairs a workflow upserts when its business state changes (null removes a value). */
export function businessStateAttributes({ phase, awaitedRole, dueDate }: BusinessState) {
  return [
    { key: BusinessPhase, value: phase },
    { key: AwaitedRole, value: awaitedRole },
    { key: DueDate, value: dueDate },
  ];
}
