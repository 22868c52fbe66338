// The developer pages need only the current fiscal year, to write examples for it.
import { defineOperation } from '../graphql';

export const DeveloperFiscalYear = defineOperation<{
  currentFiscalYear: { year: number; eraName: string; eraNameEn: string };
}>(/* GraphQL */ `
  query DeveloperFiscalYear {
    currentFiscalYear {
      year
      eraName
      eraNameEn
    }
  }
`);
