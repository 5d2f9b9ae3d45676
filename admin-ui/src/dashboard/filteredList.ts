/** Console route of a resource's list with a filter applied (react-admin reads `filter` from the URL). */
export const filteredList = (resource: string, filter: Record<string, unknown> = {}) =>
  `/${resource}?${new URLSearchParams({ filter: JSON.stringify(filter) })}`;
