import { Result } from 'antd';
import { Component, type ReactNode } from 'react';
import { t } from '../i18n/index.ts';

/** A page that throws while rendering shows what went wrong instead of a blank screen. */
export class ErrorBoundary extends Component<{ children: ReactNode }, { error: Error | null }> {
  override state = { error: null as Error | null };
  static getDerivedStateFromError(error: Error) {
    return { error };
  }
  override render() {
    if (this.state.error) {
      return <Result status="error" title={t('page.error', { message: this.state.error.message })} />;
    }
    return this.props.children;
  }
}
