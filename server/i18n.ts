import fs from 'node:fs';
import path from 'node:path';
import i18next, { type TFunction } from 'i18next';
import type { NextFunction, Request, Response } from 'express';
import { ROOT } from './config';
import { localized } from './surveys/definitions';

export const LANGUAGES = ['vi', 'en'] as const;
export type Lang = (typeof LANGUAGES)[number];
export const LOCALES_DIR = path.join(ROOT, 'locales');

/** Names sorted as a reader of the language expects (Bình Tân, Bình Thành, Bình Thuận); made once, not per call. */
export const COLLATORS: Record<Lang, Intl.Collator> = { vi: new Intl.Collator('vi'), en: new Intl.Collator('en') };

/** Reads locales/<lang>/<namespace>.json; each file becomes a top-level key ("survey.title"). */
export function readLocale(lang: string): Record<string, unknown> {
  const dir = path.join(LOCALES_DIR, lang);
  const files = fs.readdirSync(dir).filter((f) => f.endsWith('.json'));
  return Object.fromEntries(files.map((f) => [f.replace(/\.json$/, ''), JSON.parse(fs.readFileSync(path.join(dir, f), 'utf8'))]));
}

/** One i18next instance, loaded synchronously at start; Vietnamese is the source language. */
export function createI18n() {
  const instance = i18next.createInstance();
  void instance.init({
    resources: Object.fromEntries(LANGUAGES.map((l) => [l, { translation: readLocale(l) }])),
    lng: 'vi',
    fallbackLng: 'vi',
    supportedLngs: [...LANGUAGES],
    initAsync: false,
    // ejs escapes every output itself; escaping here too would show &amp; to citizens.
    interpolation: { escapeValue: false },
    returnNull: false,
  });
  return instance;
}
export type I18n = ReturnType<typeof createI18n>;

function isLang(v: unknown): v is Lang {
  return typeof v === 'string' && (LANGUAGES as readonly string[]).includes(v);
}

/** From the Accept-Language header, the first supported language by preference. */
function fromHeader(header: string | undefined): Lang | undefined {
  const ranked = (header ?? '')
    .split(',')
    .map((part) => {
      const [tag = '', q] = part.trim().split(';q=');
      return { lang: tag.slice(0, 2).toLowerCase(), q: q === undefined ? 1 : Number(q) };
    })
    .filter((x) => isLang(x.lang) && x.q > 0)
    .sort((a, b) => b.q - a.q);
  return ranked[0]?.lang as Lang | undefined;
}

/** Language: ?lang= (remembered in a cookie), else the cookie, else the browser's, else Vietnamese. */
export function languageMiddleware(i18n: I18n, secureCookies: boolean) {
  // One translator and one definition-text picker per language, made once, not per request.
  const perLang = Object.fromEntries(
    LANGUAGES.map((l) => [l, { t: i18n.getFixedT(l) as TFunction, L: (text: Parameters<typeof localized>[0]) => localized(text, l) }]),
  ) as Record<Lang, { t: TFunction; L: (text: Parameters<typeof localized>[0]) => string }>;
  return (req: Request, res: Response, next: NextFunction) => {
    const asked = req.query.lang;
    let lang: Lang;
    if (isLang(asked)) {
      lang = asked;
      res.cookie('lang', lang, { maxAge: 365 * 86400_000, httpOnly: true, sameSite: 'lax', secure: secureCookies });
    } else {
      const cookie: unknown = req.cookies?.lang;
      lang = isLang(cookie) ? cookie : (fromHeader(req.get('accept-language')) ?? 'vi');
    }
    res.locals.lang = lang;
    res.locals.t = perLang[lang].t;
    // L picks a definition text ({vi, en}) in the same language.
    res.locals.L = perLang[lang].L;
    next();
  };
}
