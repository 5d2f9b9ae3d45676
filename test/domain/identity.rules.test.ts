import { identityKey, normaliseName } from '../../domain/account/identity.rules';

describe('normaliseName', () => {
  it.each`
    name                            | normalised
    ${'Dupont'}                     | ${'DUPONT'}
    ${'dupont'}                     | ${'DUPONT'}
    ${'DUPONT'}                     | ${'DUPONT'}
    ${'Élodie'}                     | ${'ELODIE'}
    ${'E\u0301lodie'}               | ${'ELODIE'}
    ${'Hélène'}                     | ${'HELENE'}
    ${'François'}                   | ${'FRANCOIS'}
    ${'Zoë'}                        | ${'ZOE'}
    ${'Gaëlle'}                     | ${'GAELLE'}
    ${'Jérôme'}                     | ${'JEROME'}
    ${'Ñúñez'}                      | ${'NUNEZ'}
    ${'  Dupont  '}                 | ${'DUPONT'}
    ${'Jean  Pierre'}               | ${'JEAN PIERRE'}
    ${'Jean\tPierre'}               | ${'JEAN PIERRE'}
    ${'Jean\u00a0Pierre'}           | ${'JEAN PIERRE'}
    ${'Dupont-Martin'}              | ${'DUPONT-MARTIN'}
    ${'Élodie  Dupont-Martin'}      | ${'ELODIE DUPONT-MARTIN'}
    ${'Jean-Amédée'}                | ${'JEAN-AMEDEE'}
    ${"N'Diaye"}                    | ${"N'DIAYE"}
    ${''}                           | ${''}
    ${'   '}                        | ${''}
  `('"$name" → "$normalised"', ({ name, normalised }: { name: string; normalised: string }) => {
    expect(normaliseName(name)).toBe(normalised);
  });

  it.each([['Dupont-Martin'], ['DUPONT MARTIN'], ['Élodie']])('is idempotent on "%s"', (name) => {
    expect(normaliseName(normaliseName(name))).toBe(normaliseName(name));
  });
});

describe('identityKey', () => {
  const SIRET = '73282932000074';

  it('is SIRET|LAST NAME|FIRST NAME, normalised', () => {
    expect(identityKey(SIRET, 'Dupont-Martin', 'Élodie')).toBe('73282932000074|DUPONT-MARTIN|ELODIE');
  });

  it.each`
    siret                 | lastName                 | firstName
    ${SIRET}              | ${'DUPONT-MARTIN'}       | ${'ELODIE'}
    ${SIRET}              | ${'dupont-martin'}       | ${'élodie'}
    ${` ${SIRET} `}       | ${'  Dupont-Martin '}    | ${'Élodie  '}
    ${SIRET}              | ${'Dupont-Martin'}       | ${'E\u0301lodie'}
  `('($siret, $lastName, $firstName) is the same person as (SIRET, Dupont-Martin, Élodie)', ({ siret, lastName, firstName }: { siret: string; lastName: string; firstName: string }) => {
    expect(identityKey(siret, lastName, firstName)).toBe(identityKey(SIRET, 'Dupont-Martin', 'Élodie'));
  });

  it.each`
    label                                    | siret               | lastName           | firstName
    ${'another establishment'}               | ${'84271640900011'} | ${'Dupont-Martin'} | ${'Élodie'}
    ${'hyphen replaced by a space'}          | ${SIRET}            | ${'Dupont Martin'} | ${'Élodie'}
    ${'hyphen removed'}                      | ${SIRET}            | ${'DupontMartin'}  | ${'Élodie'}
    ${'another first name'}                  | ${SIRET}            | ${'Dupont-Martin'} | ${'Eloise'}
    ${'last and first names swapped'}        | ${SIRET}            | ${'Élodie'}        | ${'Dupont-Martin'}
  `('$label is a different identity', ({ siret, lastName, firstName }: { siret: string; lastName: string; firstName: string }) => {
    expect(identityKey(siret, lastName, firstName)).not.toBe(identityKey(SIRET, 'Dupont-Martin', 'Élodie'));
  });
});
