import type { TFunction } from 'i18next';
import { createI18n, type Lang } from '../i18n';

let i18n: ReturnType<typeof createI18n> | undefined;

/**
 * A translator for a language the URL names (?headers=vi, the public page's ?lang=), not the
 * one the language middleware chose from a cookie or the browser: such answers depend on the
 * URL alone. One i18next instance, made on first use.
 */
export function fixedT(lang: Lang): TFunction {
  i18n ??= createI18n();
  return i18n.getFixedT(lang) as TFunction;
}
