import { downloadCSV, type Exporter } from 'react-admin';
import { frenchExcelCsv, listsServices } from './csv';
import { i18nProvider } from './i18nProvider';
import type { DeclarativeService } from './types';

/** The catalogue's labels by service code (a dozen services), for a list that shows services; none if it cannot be read. */
const serviceLabels = async (dataProvider: Parameters<Exporter>[2]) => {
  try {
    const { data } = await dataProvider.getList<DeclarativeService>('services', { pagination: { page: 1, perPage: 100 }, sort: { field: 'code', order: 'ASC' }, filter: {} });
    return new Map(data.map((service) => [service.code, service.label]));
  } catch {
    return undefined;
  }
};

/**
 * Every list's export, as French Excel opens it (see frenchExcelCsv): the
 * coded values with the labels the list shows, in the console's language.
 */
export const exporter: Exporter = async (records: Array<Record<string, unknown>>, _fetchRelated, dataProvider, resource = 'export') => {
  const context = {
    translate: i18nProvider.translate,
    locale: i18nProvider.getLocale(),
    serviceLabels: listsServices(resource) ? await serviceLabels(dataProvider) : undefined,
  };
  downloadCSV(frenchExcelCsv(records, resource, context), resource);
};
