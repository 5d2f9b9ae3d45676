import { downloadCSV, type Exporter } from 'react-admin';
import { frenchExcelCsv, type CsvContext } from '../csv';
import { i18nProvider } from '../i18nProvider';
import { quarterLabel } from './preventionFormat';
import { LEARNER_STATUSES, type PreventionDeclaration, type PreventionLearner } from './types';

/**
 * The passport's lists exported as French Excel opens them (the console's
 * one CSV writer: BOM, « ; », the columns' labels, dates in words,
 * identifiers kept as text), the coded values in words and the NIR as the
 * API sent it (masked for those who may not read it).
 */

const context = (): CsvContext => ({ translate: i18nProvider.translate, locale: i18nProvider.getLocale() });

const label = (c: CsvContext, name: string, value: string | null) => (value === null ? null : c.translate(`app.enums.${name}.${value}`, { _: value }));

export const declarationsExporter: Exporter = (records: PreventionDeclaration[]) => {
  const c = context();
  const rows = records.map((d) => ({
    title: d.title,
    declarantSiret: d.declarantSiret,
    declarantKind: label(c, 'preventionDeclarantKind', d.declarantKind),
    channel: label(c, 'preventionChannel', d.channel),
    proofType: label(c, 'preventionProofType', d.proofType),
    trainingStart: d.trainingStart,
    trainingEnd: d.trainingEnd,
    proofValidFrom: d.proofValidFrom,
    modality: label(c, 'preventionModality', d.modality),
    romeSkills: d.romeSkills,
    trainerQualification: d.trainerQualification,
    certificationKind: label(c, 'preventionCertificationKind', d.certificationKind),
    certificationCode: d.certificationCode,
    nsfCode: d.nsfCode,
    quarter: quarterLabel(c.translate, d.quarter),
    deadline: d.deadline,
    daysLate: d.daysLate,
    learnerCount: d.learnerCount,
    ...Object.fromEntries(LEARNER_STATUSES.map((s) => [`status_${s}`, d.statusCounts?.[s] ?? 0])),
    createdAt: d.createdAt,
  }));
  downloadCSV(frenchExcelCsv(rows, 'prevention-declarations', c), 'prevention-declarations');
};

export const learnersExporter: Exporter = (records: PreventionLearner[]) => {
  const c = context();
  const rows = records.map((l) => ({
    birthName: l.birthName,
    firstNames: l.firstNames,
    nir: l.nir,
    birthDate: l.birthDate,
    employerSiret: l.employerSiret,
    title: l.title,
    declarantSiret: l.declarantSiret,
    declarantKind: label(c, 'preventionDeclarantKind', l.declarantKind),
    trainingEnd: l.trainingEnd,
    quarter: quarterLabel(c.translate, l.quarter),
    status: label(c, 'preventionLearnerStatus', l.status),
    verificationDeadline: l.verificationDeadline,
    decidedAt: l.decidedAt,
    correctionReason: l.correctionReason,
  }));
  downloadCSV(frenchExcelCsv(rows, 'prevention-learners', c), 'prevention-learners');
};
