import { CheckboxGroupInput, useGetList, useTranslate, type Identifier, type Validator } from 'react-admin';
import { useWatch } from 'react-hook-form';
import { mandatory } from '../common/validation';
import { DeclarantPickerInput } from '../declarants/DeclarantPickerInput';
import { useCompanyPortfolios } from '../portfolios/useCompanyPortfolios';
import type { Habilitation, Portfolio } from '../types';

const atLeastOne: Validator = (value?: unknown[]) => (value && value.length > 0 ? undefined : 'app.arrivals.choose_portfolio');

/** A portfolio, with how many habilitations the copied declarant holds through it. */
const PortfolioChoice = ({ portfolio, accountId }: { portfolio: Portfolio; accountId: Identifier }) => {
  const translate = useTranslate();
  const { total } = useGetList<Habilitation>('habilitations', {
    pagination: { page: 1, perPage: 1 },
    sort: { field: 'createdAt', order: 'ASC' },
    filter: { accountId, portfolioId: portfolio.id },
  });
  return (
    <>
      {portfolio.name}
      {total != null && ` — ${translate('app.arrivals.rights_count', { smart_count: total })}`}
    </>
  );
};

/** Copy: an existing declarant, and the portfolios whose habilitations he holds are copied. */
export const CopyRightsInput = ({ companyId }: { companyId?: Identifier }) => {
  const fromAccountId: Identifier | undefined = useWatch({ name: 'rights.fromAccountId' });
  const { portfolios } = useCompanyPortfolios(companyId);
  return (
    <>
      <DeclarantPickerInput
        source="rights.fromAccountId"
        label="resources.arrivals.fields.fromAccountId"
        filter={{ companyId }}
        validate={mandatory}
      />
      {fromAccountId != null && (
        <CheckboxGroupInput
          source="rights.portfolioIds"
          label="resources.arrivals.fields.portfolioIds"
          choices={portfolios}
          optionText={(portfolio: Portfolio) => <PortfolioChoice portfolio={portfolio} accountId={fromAccountId} />}
          row={false}
          validate={atLeastOne}
        />
      )}
    </>
  );
};
