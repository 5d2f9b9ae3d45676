/** A person as the console names him: « Claire MARTIN ». */
export const personName = (person: { firstName: string; lastName: string }) => `${person.firstName} ${person.lastName.toUpperCase()}`;
