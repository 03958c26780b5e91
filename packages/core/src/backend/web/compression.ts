/** Raw DEFLATE (RFC 1951) on the Compression Streams API, for the JWE `zip` parameter. */
import type { InflateResult } from '../../jwe/jwe-backend.js'
import { bufferSource } from './subtle.js'

// Compressed input goes to the decompressor in slices this small, because a decompressor may
// inflate a whole input chunk before the reader can stop it. DEFLATE expands at most about
// 1032 times, so one slice adds at most about 260 KiB past the cap.
const INFLATE_SLICE_BYTES = 256

function sliceStream(data: Uint8Array, sliceBytes: number): ReadableStream<BufferSource> {
  let offset = 0
  return new ReadableStream<BufferSource>(
    {
      pull(controller) {
        if (offset >= data.length) {
          controller.close()
          return
        }
        controller.enqueue(bufferSource(data.slice(offset, offset + sliceBytes)))
        offset += sliceBytes
      },
    },
    // Nothing is read ahead: a slice is made only when the decompressor requests one.
    { highWaterMark: 0 },
  )
}

/** Compresses bytes with raw DEFLATE. */
export async function deflate(data: Uint8Array): Promise<Uint8Array> {
  const compressed = sliceStream(data, 65_536).pipeThrough(new CompressionStream('deflate-raw'))
  return new Uint8Array(await new Response(compressed).arrayBuffer())
}

/**
 * Decompresses raw DEFLATE, reading the output as it comes and cancelling the stream as soon
 * as it passes `maxBytes`, so a zip bomb never runs to its full size.
 */
export async function inflate(data: Uint8Array, maxBytes: number): Promise<InflateResult> {
  const reader = sliceStream(data, INFLATE_SLICE_BYTES)
    .pipeThrough(new DecompressionStream('deflate-raw'))
    .getReader()
  const chunks: Uint8Array[] = []
  let total = 0
  try {
    for (;;) {
      const { done, value } = await reader.read()
      if (done) break
      total += value.length
      if (total > maxBytes) {
        await reader.cancel()
        return 'too-large'
      }
      chunks.push(value)
    }
  } catch {
    return 'invalid'
  }
  const out = new Uint8Array(total)
  let offset = 0
  for (const chunk of chunks) {
    out.set(chunk, offset)
    offset += chunk.length
  }
  return out
}
