/** A tiny line of values in 0..max with a marker at the current index; decorative (aria-hidden). */
export function Sparkline({
  values,
  max = 1,
  currentIndex,
  width = 240,
  height = 40,
}: {
  values: readonly number[]
  max?: number
  currentIndex?: number
  width?: number
  height?: number
}) {
  if (values.length === 0) return null
  const x = (i: number): number => (values.length === 1 ? 0 : (i * width) / (values.length - 1))
  const y = (v: number): number => height - (Math.min(v, max) / max) * (height - 2) - 1
  const points = values.map((v, i) => `${x(i).toFixed(1)},${y(v).toFixed(1)}`).join(' ')
  return (
    <svg
      className="kr-sparkline"
      width={width}
      height={height}
      viewBox={`0 0 ${width} ${height}`}
      aria-hidden="true"
    >
      <line x1={0} x2={width} y1={y(max)} y2={y(max)} className="kr-spark-cap" />
      <polyline points={points} className="kr-spark-line" />
      {currentIndex !== undefined && currentIndex >= 0 && currentIndex < values.length && (
        <line
          x1={x(currentIndex)}
          x2={x(currentIndex)}
          y1={0}
          y2={height}
          className="kr-spark-now"
        />
      )}
    </svg>
  )
}
