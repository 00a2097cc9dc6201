import cliProgress from 'cli-progress'
import type { Io } from './io.ts'

/** A progress bar on stderr: redrawn in place on a terminal, a line every 2 s otherwise. */
export function progressBar(
  io: Io,
  label: string,
): {
  update(done: number, total: number): void
  stop(): void
} {
  // cli-progress needs only write and isTTY of its stream.
  const stream = {
    isTTY: io.errIsTty ?? false,
    write: (text: string) => {
      io.err(text)
      return true
    },
  }
  const bar = new cliProgress.SingleBar(
    {
      stream: stream as unknown as NodeJS.WritableStream,
      format: `${label} [{bar}] {percentage}% | {value}/{total} | {eta_formatted}`,
      noTTYOutput: true,
      notTTYSchedule: 2_000,
      hideCursor: null,
    },
    cliProgress.Presets.shades_classic,
  )
  let started = false
  return {
    update(done, total) {
      if (!started) {
        bar.start(total, done)
        started = true
      } else {
        bar.setTotal(total)
        bar.update(done)
      }
    },
    stop() {
      if (started) bar.stop()
    },
  }
}
