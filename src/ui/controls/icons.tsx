/**
 * Icons drawn as inline SVG, not font glyphs: the system fonts of offline Linux laptops lack
 * ⏸ (U+23F8) and most of ▶ ◆ ◐ ▾ (only DejaVu has them). Each is decorative (aria-hidden); the
 * control that holds it carries the accessible name.
 */
import type { ReactNode } from 'react'

interface IconProps {
  readonly size?: number
}

function Svg({ size = 14, children }: { size?: number; children: ReactNode }) {
  return (
    <svg
      className="kr-icon"
      width={size}
      height={size}
      viewBox="0 0 14 14"
      aria-hidden="true"
      focusable="false"
    >
      <g fill="currentColor">{children}</g>
    </svg>
  )
}

/** A right-pointing triangle. */
export function PlayIcon({ size }: IconProps) {
  return (
    <Svg size={size}>
      <path d="M3 1.5 L12 7 L3 12.5 Z" />
    </Svg>
  )
}

/** Two bars. */
export function PauseIcon({ size }: IconProps) {
  return (
    <Svg size={size}>
      <rect x="2.5" y="2" width="3.2" height="10" />
      <rect x="8.3" y="2" width="3.2" height="10" />
    </Svg>
  )
}

/** A triangle against a bar: one step back or forward. */
export function StepIcon({ direction, size }: IconProps & { direction: 'back' | 'forward' }) {
  return (
    <Svg size={size}>
      <g transform={direction === 'back' ? 'translate(14 0) scale(-1 1)' : undefined}>
        <path d="M2 2 L10 7 L2 12 Z" />
        <rect x="10.5" y="2" width="2" height="10" />
      </g>
    </Svg>
  )
}

/** An upward triangle (a site event) or a diamond (a policy change), for the timeline markers. */
export function MarkerIcon({ shape, size = 10 }: IconProps & { shape: 'triangle' | 'diamond' }) {
  return (
    <Svg size={size}>
      {shape === 'diamond' ? (
        <path d="M7 1 L13 7 L7 13 L1 7 Z" />
      ) : (
        <path d="M7 1.5 L13 12.5 L1 12.5 Z" />
      )}
    </Svg>
  )
}

/** A circle half filled: the theme switch. */
export function HalfCircleIcon({ size = 12 }: IconProps) {
  return (
    <Svg size={size}>
      <circle cx="7" cy="7" r="5.5" fill="none" stroke="currentColor" strokeWidth="1.5" />
      <path d="M7 1.5 A5.5 5.5 0 0 1 7 12.5 Z" />
    </Svg>
  )
}

/** A small up or down triangle: the sort direction of a table column. */
export function SortIcon({ isDescending }: { isDescending: boolean }) {
  return (
    <Svg size={9}>
      {isDescending ? <path d="M1 3 L13 3 L7 12 Z" /> : <path d="M7 2 L13 11 L1 11 Z" />}
    </Svg>
  )
}
