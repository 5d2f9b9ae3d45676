import { normaliseSecretAnswer, secretAnswerWeakness, secretQuestionProblem } from '../../domain/account/secret-question.rules';

describe('secret question', () => {
  it.each([
    ['Quimper', 'quimper'],
    ['  QUIMPER ', 'quimper'],
    ['Plouzané', 'plouzane'],
    ['Saint   Étienne\tdu Rouvray', 'saint etienne du rouvray'],
  ])('answer %j is compared as %j', (typed, normalised) => {
    expect(normaliseSecretAnswer(typed)).toBe(normalised);
  });

  it.each<[string, boolean]>([
    ['Ville de naissance de ma grand-mère ?', true],
    ['  Mon chien ?  ', true],
    ['Chien ?', false],
    ['', false],
    ['x'.repeat(200), true],
    ['x'.repeat(201), false],
  ])('question %j is acceptable: %s', (question, ok) => {
    expect(secretQuestionProblem(question) === undefined).toBe(ok);
  });

  it.each<[string, string, string | undefined]>([
    ['Quimper', 'Ville de naissance de ma grand-mère ?', undefined],
    ['Ab', 'Ville de naissance de ma grand-mère ?', 'La réponse secrète compte de 3 à 100 caractères.'],
    ['   a    ', 'Ville de naissance de ma grand-mère ?', 'La réponse secrète compte de 3 à 100 caractères.'],
    ['y'.repeat(101), 'Ville de naissance de ma grand-mère ?', 'La réponse secrète compte de 3 à 100 caractères.'],
    ['GRAND-MÈRE', 'Ville de naissance de ma grand-mère ?', 'La réponse ne doit pas figurer dans la question.'],
  ])('answer %j to %j: %s', (answer, question, weakness) => {
    expect(secretAnswerWeakness(answer, question)).toBe(weakness);
  });
});
