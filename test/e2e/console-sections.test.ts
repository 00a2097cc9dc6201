// The console's accounts, xAPI keys and roster sections in Chromium on a phone (360 px): an admin
// token's holder adds an account, makes a key and uploads a roster; each page, with its secret
// shown, fits the screen without sideways scrolling and has no WCAG 2.1 A/AA violation.
import { writeFile } from 'node:fs/promises'
import { mkdtemp } from 'node:fs/promises'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import type { Browser, Page } from 'playwright-core'
import type { RunningServer } from '../../src/server/start-server.ts'
import { adminTokenBrowser } from '../support/console.ts'
import { expectUsable, launchChromium, newContext, VIEWPORTS } from '../support/chromium.ts'
import { startNls } from '../support/nls-server.ts'

let chromium: Browser
let nls: RunningServer
let page: Page
let schoolId: string
beforeAll(async () => {
  ;[chromium, nls] = await Promise.all([launchChromium(), startNls()])
  const district = await nls.stores.tenants.createTenant({
    kind: 'organisation',
    name: 'Phòng GD&ĐT Hai Bà Trưng',
  })
  schoolId = (
    await nls.stores.tenants.createTenant({
      kind: 'organisation',
      name: 'THCS Ngô Gia Tự',
      parentId: district.id,
    })
  ).id
  const { cookie } = await adminTokenBrowser(nls, 'so-gddt')
  const context = await newContext(chromium, VIEWPORTS.phone)
  await context.addCookies(
    cookie.split('; ').map((c) => {
      const [name, ...value] = c.split('=')
      return { name: name!, value: value.join('='), url: nls.url }
    }),
  )
  page = await context.newPage()
}, 60_000)
afterAll(async () => {
  await chromium?.close()
  await nls?.close()
})

it('adds an account, its first password shown once, on a phone', async () => {
  await page.goto(`${nls.url}/admin/accounts?tenant=${schoolId}`)
  await page.fill('#username', 'gv.nguyenvanan')
  await page.selectOption('#role', 'teacher')
  await page.fill('#name', 'Nguyễn Văn An')
  await page.fill('#email', 'an.nguyen@ngogiatu.edu.vn')
  await page.click('[data-add-account] button[type=submit]')
  await page.waitForSelector('[data-password]')
  await expectUsable(page, page, 'console-accounts-phone')
})

it('makes an xAPI key, its secret and Basic header shown once, on a phone', async () => {
  await page.goto(`${nls.url}/admin/keys?tenant=${schoolId}`)
  await page.fill('#name', 'moodle-logstore')
  await page.click('[data-create-key] button[type=submit]')
  await page.waitForSelector('[data-secret] [data-basic]')
  await expectUsable(page, page, 'console-keys-phone')
})

it('uploads a roster with a problem row, listed by row, on a phone', async () => {
  const file = join(await mkdtemp(join(tmpdir(), 'nls-console-')), 'nhan-su.csv')
  await writeFile(
    file,
    'email,ho_ten,don_vi,bang\nbinh.tran@ngogiatu.edu.vn,Trần Thị Bình,Tổ Khoa học tự nhiên,PT\nkhong-phai-email,X,,PT\n',
  )
  await page.goto(`${nls.url}/admin/roster?tenant=${schoolId}`)
  await page.setInputFiles('#file', file)
  await page.check('input[name=validOnly]')
  await page.click('form[data-upload] button[type=submit]')
  await page.waitForSelector('[data-problems]')
  expect(await page.textContent('[data-problems]')).toContain('Hàng 2 (dòng 3), cột email')
  await expectUsable(page, page, 'console-roster-phone')
})
