// Working the web console (/admin) in Chromium as IT does: choosing a tenant, adding an account,
// uploading a roster; each console page checked at 1280 px (and 360 px) and saved as screenshots.
import type { Page } from 'playwright-core'
import { expectUsable, VIEWPORTS } from './chromium.ts'

/** Uploads a roster file in the console's roster section (the school chosen there). */
export async function uploadRoster(page: Page, name: string, csv: string): Promise<void> {
  await page.getByLabel('Tệp CSV').setInputFiles({
    name,
    mimeType: 'text/csv',
    buffer: Buffer.from(csv, 'utf8'),
  })
  await page.getByRole('button', { name: 'Tải lên và nhập' }).click()
  await page.waitForLoadState()
}

/**
 * Checks a console page at 1280 px (and at 360 px when `phone`), saving `<name>-desktop.png`
 * (and `<name>-phone.png`).
 */
export async function consolePage(page: Page, name: string, phone = false): Promise<void> {
  await expectUsable(page, page, `${name}-desktop`)
  if (!phone) return
  await page.setViewportSize(VIEWPORTS.phone)
  await expectUsable(page, page, `${name}-phone`)
  await page.setViewportSize(VIEWPORTS.desktop)
}

/** Chooses a tenant in a console section's picker. */
export async function pickTenant(page: Page, tenant: string): Promise<void> {
  await page.locator('#tenant').selectOption({ label: tenant })
  await page.getByRole('button', { name: 'Xem', exact: true }).click()
  await page.waitForURL((url) => url.searchParams.has('tenant'))
}

/** Adds an account in the console's accounts section; returns its first password. */
export async function addAccount(
  page: Page,
  account: { username: string; role: string; name?: string; email?: string },
): Promise<string> {
  const form = page.locator('[data-add-account]')
  await form.getByLabel('Tên đăng nhập').fill(account.username)
  await form.locator('#role').selectOption(account.role)
  if (account.name) await form.getByLabel('Họ tên (tùy chọn)').fill(account.name)
  if (account.email) await form.locator('#email').fill(account.email)
  await form.getByRole('button', { name: 'Thêm tài khoản' }).click()
  await expect(page.locator('[role=status]').textContent()).resolves.toBe(
    `Đã tạo tài khoản ${account.username}.`,
  )
  return (await page.locator('[data-secret] code[data-password]').textContent())!.trim()
}

/** Waits, polling, until `read` gives what `done` accepts (for work the server does on its own). */
export async function eventually<T>(
  read: () => Promise<T>,
  done: (value: T) => boolean,
): Promise<T> {
  const deadline = Date.now() + 60_000
  for (;;) {
    const value = await read()
    if (done(value) || Date.now() > deadline) return value
    await new Promise((resolve) => setTimeout(resolve, 250))
  }
}
