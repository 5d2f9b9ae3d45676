import { visibilityQuery } from '../../api/workflows/visibility-query';

const NOW = new Date('2026-11-26T12:00:00.000Z');

describe('visibilityQuery', () => {
  it.each([
    ['no filter, support', {}, null, ''],
    ['company', { companySiren: '732829320' }, null, "CompanySiren = '732829320'"],
    ['type and status', { type: 'companyRegistrationWorkflow', status: 'CANCELLED' as const }, null, "WorkflowType = 'companyRegistrationWorkflow' AND ExecutionStatus = 'Canceled'"],
    ['phase and awaited role', { phase: 'AWAITING_CONFIRMATION', awaitedRole: 'PRIMO_AD' }, null, "BusinessPhase = 'AWAITING_CONFIRMATION' AND ExecutionStatus = 'Running' AND AwaitedRole = 'PRIMO_AD'"],
    ['ids of a getMany', { id: ['candidacy-1', 'registration-842716409'] }, null, "WorkflowId IN ('candidacy-1', 'registration-842716409')"],
    ['an empty getMany', { id: [] }, null, "WorkflowId = ''"],
    ['overdue', { overdue: true }, null, "ExecutionStatus = 'Running' AND DueDate < '2026-11-26T12:00:00.000Z'"],
    ['not overdue is no filter', { overdue: false }, null, ''],
    [
      'started and closed between',
      { startedAfter: '2026-11-01T00:00:00Z', startedBefore: '2026-11-30T00:00:00Z', closedAfter: '2026-11-02T00:00:00Z', closedBefore: '2026-11-29T00:00:00Z' },
      null,
      "StartTime >= '2026-11-01T00:00:00Z' AND StartTime <= '2026-11-30T00:00:00Z' AND CloseTime >= '2026-11-02T00:00:00Z' AND CloseTime <= '2026-11-29T00:00:00Z'",
    ],
    ['administrator: his company always applies', {}, '842716409', "CompanySiren = '842716409'"],
    ['administrator asking for another company gets nothing', { companySiren: '732829320' }, '842716409', "CompanySiren = '842716409' AND CompanySiren = '732829320'"],
  ])('%s', (_label, filter, scope, expected) => {
    expect(visibilityQuery(filter, NOW, scope)).toBe(expected);
  });
});
