import { Component } from 'react'
import type { ErrorInfo, ReactNode } from 'react'
import './panels.css'

interface Props {
  /** Names the part that failed, for the message. */
  readonly name: string
  readonly children: ReactNode
}

interface State {
  readonly error: Error | null
}

/** Keeps a render error in one panel from blanking the whole dashboard. */
export class ErrorBoundary extends Component<Props, State> {
  override state: State = { error: null }

  static getDerivedStateFromError(error: unknown): State {
    return { error: error instanceof Error ? error : new Error(String(error)) }
  }

  override componentDidCatch(error: Error, info: ErrorInfo): void {
    console.error(`keyroute: the ${this.props.name} panel failed`, error, info.componentStack)
  }

  override render() {
    if (!this.state.error) return this.props.children
    return (
      <div role="alert" className="kr-panel-error">
        <p>
          The {this.props.name} panel could not be shown: {this.state.error.message}. The rest of
          the dashboard still works.
        </p>
        <button type="button" onClick={() => this.setState({ error: null })}>
          Try again
        </button>
      </div>
    )
  }
}
