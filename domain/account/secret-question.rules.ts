/**
 * The secret question of an account (DOMAIN.md « Lost password », route 1):
 * the question is kept in clear, the answer only as a hash of its
 * normalised form, so « Quimper », « quimper » and « QUIMPER » match.
 */
export const SECRET_QUESTION_LENGTH = { min: 10, max: 200 } as const;
export const SECRET_ANSWER_LENGTH = { min: 3, max: 100 } as const;

/** Lower case, no accents, single spaces: what is hashed and, later, compared. */
export function normaliseSecretAnswer(answer: string): string {
  return answer
    .normalize('NFD')
    .replace(/\p{M}/gu, '')
    .toLowerCase()
    .replace(/\s+/g, ' ')
    .trim();
}

export function secretQuestionProblem(question: string): string | undefined {
  const length = question.trim().length;
  if (length < SECRET_QUESTION_LENGTH.min || length > SECRET_QUESTION_LENGTH.max) {
    return `La question secrète compte de ${SECRET_QUESTION_LENGTH.min} à ${SECRET_QUESTION_LENGTH.max} caractères.`;
  }
  return undefined;
}

/** Why an answer cannot protect the account: too short, too long, or given away by the question itself. */
export function secretAnswerWeakness(answer: string, question: string): string | undefined {
  const normalised = normaliseSecretAnswer(answer);
  if (normalised.length < SECRET_ANSWER_LENGTH.min || normalised.length > SECRET_ANSWER_LENGTH.max) {
    return `La réponse secrète compte de ${SECRET_ANSWER_LENGTH.min} à ${SECRET_ANSWER_LENGTH.max} caractères.`;
  }
  if (normaliseSecretAnswer(question).includes(normalised)) return 'La réponse ne doit pas figurer dans la question.';
  return undefined;
}
