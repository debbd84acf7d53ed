// Sizes as people read them, for the reports and for the annotations the verdicts write.

const UNITS = ['B', 'kB', 'MB', 'GB', 'TB', 'PB', 'EB']

/**
 * `12.3 MB`: decimal units and three significant digits, as `docker images` prints sizes (but
 * 999,999 bytes is `1 MB`, not `1e+03kB`). Anything but a non-negative finite number is `—`.
 */
export function humanSize(bytes: number): string {
  if (!Number.isFinite(bytes) || bytes < 0) return '—'
  let value = bytes
  let unit = 0
  while (unit < UNITS.length - 1 && Number(value.toPrecision(3)) >= 1000) {
    value /= 1000
    unit++
  }
  return `${Number(unit === 0 ? value : value.toPrecision(3))} ${UNITS[unit]}`
}

/** `+1.52 MB, +4.4 %`: a size against a baseline size; no percentage of an empty baseline. */
export function sizeChange(size: number, baselineSize: number): string {
  const delta = size - baselineSize
  const sign = delta > 0 ? '+' : delta < 0 ? '-' : '±'
  const percent =
    baselineSize > 0 ? `, ${sign}${((Math.abs(delta) * 100) / baselineSize).toFixed(1)} %` : ''
  return `${sign}${humanSize(Math.abs(delta))}${percent}`
}
