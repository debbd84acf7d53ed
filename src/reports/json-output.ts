// A JSON-valued step output held as its value until it is written. At 10,000 ids `images` is
// 13 MB of JSON: as one string it was built, copied into the results file in slices and then
// dropped, since GitHub cannot carry it. Held as entries, each entry becomes text once, on its
// way to the results file, and the entries are joined into the output's value only while they
// fit in an output (results-file.ts).

/** Entries turned into text at once by JsonOutput.list. */
const LIST_BATCH = 100

/** A JSON array or object output; `pieces()` concatenated is JSON.stringify of the value. */
export class JsonOutput {
  private constructor(
    private readonly open: '[' | '{',
    private readonly entries: () => Iterable<string>
  ) {}

  /**
   * An array output: `entry` maps each item when it is written, so no second array is held.
   * Entries are turned into text a batch at a time: one JSON.stringify per entry costs more than
   * the entry itself at 10,000 small ones.
   */
  static list<T>(items: readonly T[], entry?: (item: T) => unknown): JsonOutput {
    return new JsonOutput('[', function* () {
      for (let start = 0; start < items.length; start += LIST_BATCH) {
        const batch = items.slice(start, start + LIST_BATCH)
        // As JSON.stringify writes an array: undefined (and functions) become null.
        const text = JSON.stringify(entry ? batch.map(entry) : batch)
        yield text.slice(1, -1)
      }
    })
  }

  /** An object output, keyed as given; undefined values are left out, as JSON.stringify does. */
  static record(record: Readonly<Record<string, unknown>>): JsonOutput {
    return new JsonOutput('{', function* () {
      // Whole: a record's values are short (digests, URIs), so it is megabytes at most.
      const text = JSON.stringify(record)
      if (text.length > 2) yield text.slice(1, -1)
    })
  }

  /** The JSON text in pieces: the bracket, each entry with its comma, the closing bracket. */
  *pieces(): Generator<string> {
    yield this.open
    let first = true
    for (const entry of this.entries()) {
      yield first ? entry : `,${entry}`
      first = false
    }
    yield this.open === '[' ? ']' : '}'
  }

  /** The whole JSON text (tests, and the small outputs that are always set). */
  get text(): string {
    return [...this.pieces()].join('')
  }
}

export type OutputValue = string | JsonOutput

/** An output's value as GitHub would store it. */
export function outputText(value: OutputValue): string {
  return typeof value === 'string' ? value : value.text
}
