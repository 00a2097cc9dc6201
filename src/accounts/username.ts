/**
 * A user name as accounts are kept and found by, and as sign-in attempts are counted by: NFC,
 * without surrounding spaces, in lower case. " TapHuan.A " and "taphuan.a" are one account.
 */
export function normaliseUsername(username: string): string {
  // Lower-casing can leave a string that is no longer NFC (a precomposed capital can lower to a
  // letter and a combining mark), so NFC comes last.
  return username.normalize('NFC').trim().toLowerCase().normalize('NFC')
}
