import { AccountRole, AdminStatus } from '../../domain/account/account.entity';
import { actingRole, scopeOf } from '../../domain/auth/scope';

const person = { id: 'a-1', companyId: 'c-1' };

describe('acting role and scope', () => {
  it.each([
    [AccountRole.SUPPORT, null, AccountRole.SUPPORT, { kind: 'all' }],
    [AccountRole.ADMINISTRATOR, AdminStatus.ACTIVE, AccountRole.ADMINISTRATOR, { kind: 'company', companyId: 'c-1' }],
    [AccountRole.ADMINISTRATOR, AdminStatus.CANDIDATE_AD, 'CANDIDATE', { kind: 'self', companyId: 'c-1', accountId: 'a-1' }],
    [AccountRole.ADMINISTRATOR, AdminStatus.PRIMO_AD, 'CANDIDATE', { kind: 'self', companyId: 'c-1', accountId: 'a-1' }],
    [AccountRole.ADMINISTRATOR, null, 'CANDIDATE', { kind: 'self', companyId: 'c-1', accountId: 'a-1' }],
    [AccountRole.DECLARANT, null, AccountRole.DECLARANT, { kind: 'self', companyId: 'c-1', accountId: 'a-1' }],
  ])('%s with adminStatus %s acts as %s', (role, adminStatus, acting, scope) => {
    expect(actingRole({ role, adminStatus })).toBe(acting);
    expect(scopeOf({ ...person, role, adminStatus })).toEqual(scope);
  });
});
