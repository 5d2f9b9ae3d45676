import { taskPage } from '../../api/tasks/task-pages';
import { candidacyWorkflowId } from '../../workflows/administrator-candidacy/administrator-candidacy.messages';

describe('task pages: where the console does a task', () => {
  it.each([
    ['administratorCandidacyWorkflow', 'AWAITING_APPROVAL', candidacyWorkflowId('c-1'), '/candidacies/c-1/show'],
    ['administratorCandidacyWorkflow', 'AWAITING_LETTER', candidacyWorkflowId('c-1'), '/letters'],
    ['administratorCandidacyWorkflow', 'AWAITING_KEY', candidacyWorkflowId('c-1'), '/workflows/candidacy-c-1/show'],
    ['documentReviewWorkflow', 'AWAITING_REVIEW', 'review/1', '/workflows/review%2F1/show'],
    ['companyRegistrationWorkflow', null, 'registration-1', '/workflows/registration-1/show'],
    ['preventionCorrectionWorkflow', 'CORRECTION_TO_DO', 'prevention-correction-r-1-38012986100016', '/prevention-declarations'],
    ['preventionCorrectionWorkflow', 'EXPIRED', 'prevention-correction-r-1-38012986100016', '/workflows/prevention-correction-r-1-38012986100016/show'],
  ])('%s in phase %s → %s', (type, phase, id, page) => {
    expect(taskPage(type, phase, id)).toBe(page);
  });
});
