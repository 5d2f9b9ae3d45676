import { PASSWORD_MIN_LENGTH, passwordWeakness } from '../../domain/account/password.rules';

const TOO_SHORT = /au moins 12 caractères/;
const TOO_FEW_CLASSES = /au moins trois types de caractères/;

describe('passwordWeakness', () => {
  it('requires 12 characters', () => {
    expect(PASSWORD_MIN_LENGTH).toBe(12);
  });

  it.each`
    password           | length
    ${''}              | ${0}
    ${'Ab1!'}          | ${4}
    ${'Abcdef1!'}      | ${8}
    ${'Abcdefgh12!'}   | ${11}
    ${'aB3$aB3$aB3'}   | ${11}
  `('"$password" ($length chars) is too short', ({ password, length }: { password: string; length: number }) => {
    expect(password).toHaveLength(length);
    expect(passwordWeakness(password)).toMatch(TOO_SHORT);
  });

  it.each`
    password                  | classes
    ${'abcdefghijkl'}         | ${'lower'}
    ${'ABCDEFGHIJKL'}         | ${'upper'}
    ${'123456789012'}         | ${'digits'}
    ${'!!!!!!!!!!!!'}         | ${'symbols'}
    ${'abcdefABCDEF'}         | ${'lower + upper'}
    ${'abcdefgh1234'}         | ${'lower + digits'}
    ${'abcdefgh!?;:'}         | ${'lower + symbols'}
    ${'ABCDEFGH1234'}         | ${'upper + digits'}
    ${'123456!?;:,.'}         | ${'digits + symbols'}
    ${'motdepassetreslong'}   | ${'lower (long)'}
  `('"$password" ($classes) has fewer than 3 classes', ({ password }: { password: string }) => {
    expect(password.length).toBeGreaterThanOrEqual(12);
    expect(passwordWeakness(password)).toMatch(TOO_FEW_CLASSES);
  });

  it.each`
    password                        | classes
    ${'abcdefABCD12'}               | ${'lower + upper + digits'}
    ${'abcdefgh12!?'}               | ${'lower + digits + symbols'}
    ${'ABCDEFGH12!?'}               | ${'upper + digits + symbols'}
    ${'abcdefABCD!?'}               | ${'lower + upper + symbols'}
    ${'Abcdefgh12!?'}               | ${'all four'}
    ${'correct horse battery 9'}    | ${'lower + space + digit'}
    ${'Tr0ub4dor&3-Xyz'}            | ${'all four, 15 chars'}
  `('"$password" ($classes) is accepted', ({ password }: { password: string }) => {
    expect(passwordWeakness(password)).toBeUndefined();
  });
});
