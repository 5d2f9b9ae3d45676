import type { EntityManager } from '@mikro-orm/postgresql';
import { decide, DEFAULT_DECISION_POLICY, type Decision, type DecisionPolicyOptions } from './decision.policy';
import { loadDecisionFacts, type AccessQuestion } from './decision.read-model';

/** Answers access questions (one query for all of them), in order. */
export async function answerAccessQuestions(
  em: EntityManager,
  questions: AccessQuestion[],
  callerCompanyId: string | null,
  now = new Date(),
  policy: DecisionPolicyOptions = DEFAULT_DECISION_POLICY,
): Promise<Decision[]> {
  const facts = await loadDecisionFacts(em, questions, { companyId: callerCompanyId, today: now.toISOString().slice(0, 10) });
  return questions.map((question, i) => decide(facts[i], question, now, policy));
}
