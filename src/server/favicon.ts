import { Router } from 'express'

// The browser asks every site for /favicon.ico; NLS answers with a 16×16 icon made here (a
// white "N" on the blue of the pages' header) rather than a 404 on every page. An ICO with one
// 32-bit BMP image: the BITMAPINFOHEADER's height counts the XOR image and the AND mask together,
// rows run bottom-up in BGRA, and the 1-bit AND mask rows are padded to 32 bits (alpha does the
// masking here).
const GLYPH = [
  '................',
  '................',
  '................',
  '...##......##...',
  '...###.....##...',
  '...####....##...',
  '...##.##...##...',
  '...##..##..##...',
  '...##...##.##...',
  '...##....####...',
  '...##.....###...',
  '...##......##...',
  '...##......##...',
  '................',
  '................',
  '................',
]
const SIZE = GLYPH.length
const BLUE = [0x0b, 0x3d, 0x6e] // RGB, the pages' header
const WHITE = [0xff, 0xff, 0xff]

/** How long browsers and proxies may keep the icon. */
export const FAVICON_MAX_AGE_S = 30 * 24 * 3600

/** The icon, as the bytes of an .ico file. */
export function faviconIco(): Buffer {
  const pixels = Buffer.alloc(SIZE * SIZE * 4)
  const maskRow = Math.ceil(SIZE / 32) * 4
  const mask = Buffer.alloc(SIZE * maskRow) // all 0: every pixel shown (alpha decides)
  for (let y = 0; y < SIZE; y++) {
    for (let x = 0; x < SIZE; x++) {
      const corner = (x === 0 || x === SIZE - 1) && (y === 0 || y === SIZE - 1)
      const [r, g, b] = GLYPH[y]![x] === '#' ? WHITE : BLUE
      const at = ((SIZE - 1 - y) * SIZE + x) * 4
      pixels.set([b!, g!, r!, corner ? 0 : 0xff], at)
    }
  }
  const header = Buffer.alloc(6 + 16 + 40)
  header.writeUInt16LE(0, 0) // reserved
  header.writeUInt16LE(1, 2) // type: icon
  header.writeUInt16LE(1, 4) // one image
  header.writeUInt8(SIZE, 6) // width
  header.writeUInt8(SIZE, 7) // height
  header.writeUInt8(0, 8) // no palette
  header.writeUInt8(0, 9) // reserved
  header.writeUInt16LE(1, 10) // colour planes
  header.writeUInt16LE(32, 12) // bits per pixel
  header.writeUInt32LE(40 + pixels.length + mask.length, 14) // image bytes
  header.writeUInt32LE(22, 18) // image offset
  header.writeUInt32LE(40, 22) // BITMAPINFOHEADER size
  header.writeInt32LE(SIZE, 26) // width
  header.writeInt32LE(SIZE * 2, 30) // height: image and mask
  header.writeUInt16LE(1, 34) // planes
  header.writeUInt16LE(32, 36) // bits per pixel
  header.writeUInt32LE(0, 38) // BI_RGB
  header.writeUInt32LE(pixels.length + mask.length, 42) // image size
  return Buffer.concat([header, pixels, mask])
}

/** GET /favicon.ico: the icon, cached for long. */
export function faviconRoutes(): Router {
  const icon = faviconIco()
  const router = Router()
  router.get('/favicon.ico', (_req, res) => {
    res.type('image/x-icon').set('Cache-Control', `public, max-age=${FAVICON_MAX_AGE_S}`).send(icon)
  })
  return router
}
