/** A service field's name in the reader's language: English where it has one, else Vietnamese. */
export const serviceName = (s: { nameVi: string; nameEn: string | null }, lang: string): string => (lang === 'en' && s.nameEn) || s.nameVi;
