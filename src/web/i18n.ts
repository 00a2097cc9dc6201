import i18next, { type TFunction } from 'i18next'
import { en } from './locales/en.ts'
import { vi } from './locales/vi.ts'

/** The languages of the pages: Vietnamese first, English second. */
export const LANGS = ['vi', 'en'] as const
export type Lang = (typeof LANGS)[number]

const instance = i18next.createInstance()
void instance.init({
  initAsync: false,
  lng: 'vi',
  fallbackLng: 'vi',
  resources: { vi: { translation: vi }, en: { translation: en } },
  interpolation: { escapeValue: false }, // the renderer escapes every text it writes
  returnNull: false,
})

/** The page texts in a language. */
export function translator(lang: Lang): TFunction {
  return instance.getFixedT(lang)
}

/** A language from a query or cookie value; Vietnamese when absent or unknown. */
export function langOf(value: unknown): Lang {
  return value === 'en' ? 'en' : 'vi'
}
