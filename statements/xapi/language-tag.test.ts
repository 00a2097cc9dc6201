import { isLanguageTag } from './language-tag.ts'

// RFC 5646 well-formedness; the examples of the ADL conformance suite among them.

describe('isLanguageTag', () => {
  it.each([
    'vi',
    'vi-VN',
    'en-US',
    'de',
    'de-DE',
    'zh-Hant',
    'zh-Hans-CN',
    'sr-Latn-RS',
    'sr-Cyrl',
    'cmn',
    'ase',
    'tlh',
    'fr-CA',
    'es-419',
    'es-MX',
    'sl-rozaj-biske',
    'de-CH-1901',
    'en-a-bbb-x-a-ccc',
    'x-whatever',
    'zh-cmn-Hans-CN',
    'en-GB-oed',
    'i-klingon',
    'EN-us',
  ])('accepts %s', (tag) => expect(isLanguageTag(tag)).toBe(true))

  it.each([
    '',
    'e',
    'something',
    'a12345',
    'en_US',
    'en-',
    '-en',
    'en--US',
    '12',
    'en-US-x',
    'zh-z-aaa-z-bbb-c-ccc',
    'sl-rozaj-rozaj',
    'de-419-DE',
    'a-DE',
    'ar-a-aaa-b-bbb-a-ccc',
  ])('refuses %j', (tag) => expect(isLanguageTag(tag)).toBe(false))
})
