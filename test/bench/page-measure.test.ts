import { describe, expect, it } from 'vitest'
import { TimeoutError, withTimeout } from './page-measure'

describe('withTimeout', () => {
  it('gives the work its answer when it comes in time', async () => {
    await expect(withTimeout(Promise.resolve(42), 1000, 'answer')).resolves.toBe(42)
  })

  it('gives up on work that never answers, naming the step', async () => {
    const never = new Promise<number>(() => undefined)
    const result = withTimeout(never, 20, 'idle frames')
    await expect(result).rejects.toBeInstanceOf(TimeoutError)
    await expect(result).rejects.toThrow('idle frames: no answer in 0.02 s')
  })

  it('passes on a failure of the work that comes in time', async () => {
    await expect(withTimeout(Promise.reject(new Error('closed')), 1000, 'x')).rejects.toThrow(
      'closed',
    )
  })

  it('swallows a failure of the work that comes after the timeout', async () => {
    const unhandled: unknown[] = []
    const onUnhandled = (reason: unknown) => unhandled.push(reason)
    process.on('unhandledRejection', onUnhandled)
    try {
      const late = new Promise<number>((_, reject) =>
        setTimeout(() => reject(new Error('page closed')), 30),
      )
      await expect(withTimeout(late, 5, 'hit test')).rejects.toBeInstanceOf(TimeoutError)
      await new Promise((resolve) => setTimeout(resolve, 60))
      expect(unhandled).toEqual([])
    } finally {
      process.off('unhandledRejection', onUnhandled)
    }
  })
})
