/** Where a unit's public results page lives: a short, readable path to print on posters. */
export const publicResultsPath = (unitCode: string) => `/ket-qua/${encodeURIComponent(unitCode)}`;
