/// <reference types="jest" />
import polyglotI18nProvider from 'ra-i18n-polyglot';
import { frenchExcelCsv, listsServices, type CsvContext } from '../../admin-ui/src/csv';
import { en } from '../../admin-ui/src/i18n/en';
import { fr } from '../../admin-ui/src/i18n/fr';

/** The console's own French messages, as its lists translate them. */
const i18n = polyglotI18nProvider(() => fr, 'fr');
const context: CsvContext = { translate: i18n.translate, locale: 'fr' };

/** The CSV's rows as cells (byte order mark, `;`, CRLF). */
const table = (csv: string) => {
  expect(csv.startsWith('\ufeff')).toBe(true);
  return csv.slice(1).trimEnd().split('\r\n').map((line) => line.split(';'));
};

describe('list export (French Excel)', () => {
  it('exports coded columns with the labels the list shows, identifiers as text, dates in French', () => {
    const [header, row] = table(
      frenchExcelCsv(
        [{ siret: '84271640900029', lastName: 'ROUSSEAU', status: 'AWAITING_APPROVAL', route: 'LETTER', createdAt: '2026-12-02T10:00:00.000Z', attemptsLeft: 3, letterRouteOffered: false }],
        'candidacies',
        context,
      ),
    );
    expect(header).toEqual(['SIRET', 'Nom', 'Statut', expect.any(String), 'Déposée le', expect.any(String), expect.any(String)]);
    expect(row.slice(0, 3)).toEqual(['"=""84271640900029"""', 'ROUSSEAU', "En attente d'approbation"]);
    expect(row[3]).toBe(fr.app.enums.candidacyRoute.LETTER);
    expect(row[4]).toMatch(/^02\/12\/2026 \d{2}:00:00$/);
    expect(row.slice(5)).toEqual(['3', 'Non']);
  });

  it.each([
    ['accounts', { role: 'ADMINISTRATOR', status: 'LOCKED', adminStatus: 'CANDIDATE_AD' }, ['Administrateur', 'Verrouillé', 'Candidat administrateur']],
    ['workflows', { type: 'companyRegistrationWorkflow', status: 'TIMED_OUT', phase: 'AWAITING_CONFIRMATION', awaitedRole: 'PRIMO_AD' }, [fr.app.enums.workflowType.companyRegistrationWorkflow, 'Délai dépassé', fr.app.enums.workflowPhase.AWAITING_CONFIRMATION, fr.app.enums.awaitedRole.PRIMO_AD]],
    ['registrations', { workflowStatus: 'RUNNING', phase: 'CONFIRMING' }, ['En cours', 'Activation en cours']],
    ['audit-events', { action: 'CANDIDACY.APPROVED', targetType: 'ActivationLetter' }, ['Candidature approuvée', "Courrier d'activation"]],
    ['departures', { status: 'WAITING_FOR_TARGET', rightsMode: 'REVOKE', waitingReason: { code: 'TARGET_INACTIVE', params: { firstName: 'Paul', lastName: 'LEROY', status: 'LOCKED' } } }, [fr.app.enums.departureStatus.WAITING_FOR_TARGET, fr.app.enums.departureRightsMode.REVOKE, "Le destinataire des droits (Paul LEROY) n'est pas actif (statut Verrouillé) : le transfert attend qu'il le soit."]],
  ])('%s: statuses, phases, roles, audit actions and reasons in words', (resource, record, labels) => {
    const [, row] = table(frenchExcelCsv([record], resource, context));
    expect(row).toEqual(labels);
  });

  it('names services by their label and code, and keeps a code the console does not know as it is', () => {
    expect(listsServices('portfolios')).toBe(true);
    expect(listsServices('companies')).toBe(false);
    const [, row] = table(
      frenchExcelCsv([{ name: 'Paie', serviceCodes: ['MCF', 'DSN', 'NEW_ONE'], status: 'NOT_A_STATUS' }], 'portfolios', {
        ...context,
        serviceLabels: new Map([
          ['MCF', 'Mon Compte Formation — abondement'],
          ['DSN', 'Déclaration sociale nominative (DSN)'],
        ]),
      }),
    );
    expect(row).toEqual(['Paie', 'Mon Compte Formation — abondement (MCF), Déclaration sociale nominative (DSN), NEW_ONE', 'NOT_A_STATUS']);
    const [, companies] = table(frenchExcelCsv([{ siren: '012345678', status: 'NOT_KNOWN' }], 'companies', context));
    expect(companies).toEqual(['"=""012345678"""', 'NOT_KNOWN']);
  });

  it('speaks the console’s language: English labels and headers in English', () => {
    const english = polyglotI18nProvider(() => en, 'en');
    const [header, row] = table(frenchExcelCsv([{ status: 'RUNNING', awaitedRole: 'ADMINISTRATOR' }], 'workflows', { translate: english.translate, locale: 'en' }));
    expect(header).toEqual([en.resources.workflows.fields.status, en.resources.workflows.fields.awaitedRole]);
    expect(row).toEqual([en.app.enums.workflowStatus.RUNNING, en.app.enums.awaitedRole.ADMINISTRATOR]);
  });
});
