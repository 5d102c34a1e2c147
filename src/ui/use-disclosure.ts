import { useId, useRef, useState } from 'react'
import type { KeyboardEvent } from 'react'

/**
 * A button that shows and hides a panel (the map legend, the export menu): its open state, the
 * button's ARIA wiring, and Escape inside, which closes an open panel and gives focus back to
 * the button before any outer Escape handler (clearing the selection) sees the key.
 */
export function useDisclosure(isInitiallyOpen: boolean | (() => boolean) = false) {
  const [isOpen, setIsOpen] = useState(isInitiallyOpen)
  const panelId = useId()
  const toggleRef = useRef<HTMLButtonElement | null>(null)
  const close = (): void => {
    setIsOpen(false)
    toggleRef.current?.focus()
  }
  return {
    isOpen,
    close,
    panelId,
    /** For the element holding both the button and the panel. */
    onKeyDown: (e: KeyboardEvent): void => {
      if (e.key !== 'Escape' || !isOpen) return
      e.stopPropagation()
      close()
    },
    toggleProps: {
      ref: toggleRef,
      'aria-expanded': isOpen,
      'aria-controls': panelId,
      onClick: () => setIsOpen(!isOpen),
    },
  }
}
