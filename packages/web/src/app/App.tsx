/**
 * The application: antd in zh_CN, the session, and the routes. Every page is its own chunk
 * (React.lazy), so the first page loads only what it needs; ECharts, for instance, comes
 * with the statistics page.
 */
import { App as AntApp, ConfigProvider, Result, Spin } from 'antd';
import type { Locale } from 'antd/es/locale/index.js';
import zhCNModule from 'antd/es/locale/zh_CN.js';
import dayjs from 'dayjs';
import 'dayjs/locale/zh-cn.js';
import { type ComponentType, lazy, type ReactNode, Suspense } from 'react';
import { BrowserRouter, Navigate, Route, Routes, useLocation } from 'react-router';
import type { Role } from '../api/types.ts';
import { t } from '../i18n/index.ts';
import { AppLayout } from './AppLayout.tsx';
import { ErrorBoundary } from './ErrorBoundary.tsx';
import { SessionProvider, useSession } from './session.tsx';

dayjs.locale('zh-cn');

// antd ships its locales as ES modules without "type": "module", so TypeScript (NodeNext) sees the
// module object where the bundler gives the default export; accept either.
const zhCN = ((zhCNModule as unknown as { default?: Locale }).default ?? zhCNModule) as Locale;

const page = (load: () => Promise<{ default: ComponentType }>) => lazy(load);

const LoginPage = page(() => import('../pages/login/LoginPage.tsx'));
const WorkbenchPage = page(() => import('../pages/workbench/WorkbenchPage.tsx'));
const EvaluationListPage = page(() => import('../pages/list/EvaluationListPage.tsx'));
const TargetsListPage = page(() => import('../pages/list/TargetsListPage.tsx'));
const EditorPage = page(() => import('../pages/editor/EditorPage.tsx'));
const NewEvaluationPage = page(() => import('../pages/editor/NewEvaluationPage.tsx'));
const ReviewPage = page(() => import('../pages/review/ReviewPage.tsx'));
const ImportPage = page(() => import('../pages/import/ImportPage.tsx'));
const StatsPage = page(() => import('../pages/stats/StatsPage.tsx'));
const PublicListPage = page(() => import('../pages/public/PublicListPage.tsx'));
const PublicViewPage = page(() => import('../pages/public/PublicViewPage.tsx'));
const AdminPage = page(() => import('../pages/admin/AdminPage.tsx'));

function Loading() {
  return (
    <div style={{ padding: 48, textAlign: 'center' }}>
      <Spin tip={t('page.loading')}>
        <div style={{ height: 48 }} />
      </Spin>
    </div>
  );
}

/** Pages for signed-in people; others go to the login page and come back afterwards. */
function SignedIn({ children, roles }: { children: ReactNode; roles?: Role[] }) {
  const session = useSession();
  const location = useLocation();
  if (session.user === undefined) return <Loading />;
  if (session.user === null) {
    const next = encodeURIComponent(location.pathname + location.search);
    return <Navigate to={`/login?next=${next}`} replace />;
  }
  if (roles && !roles.includes(session.user.role)) {
    return <Result status="403" title="403" subTitle={t('page.forbidden')} />;
  }
  return <AppLayout>{children}</AppLayout>;
}

function Public({ children }: { children: ReactNode }) {
  return <AppLayout publicView>{children}</AppLayout>;
}

export function App() {
  return (
    <ConfigProvider
      locale={zhCN}
      theme={{ token: { colorPrimary: '#b4232a', borderRadius: 4, fontSize: 14 } }}
    >
      <AntApp>
        <SessionProvider>
          <BrowserRouter>
            <ErrorBoundary>
              <Suspense fallback={<Loading />}>
                <Routes>
                  <Route path="/login" element={<LoginPage />} />
                  <Route
                    path="/public"
                    element={
                      <Public>
                        <PublicListPage />
                      </Public>
                    }
                  />
                  <Route
                    path="/public/:id"
                    element={
                      <Public>
                        <PublicViewPage />
                      </Public>
                    }
                  />
                  <Route
                    path="/"
                    element={
                      <SignedIn>
                        <WorkbenchPage />
                      </SignedIn>
                    }
                  />
                  <Route
                    path="/evaluations"
                    element={
                      <SignedIn>
                        <EvaluationListPage />
                      </SignedIn>
                    }
                  />
                  <Route
                    path="/evaluations/new"
                    element={
                      <SignedIn>
                        <NewEvaluationPage />
                      </SignedIn>
                    }
                  />
                  <Route
                    path="/evaluations/:id"
                    element={
                      <SignedIn>
                        <EditorPage />
                      </SignedIn>
                    }
                  />
                  <Route
                    path="/evaluations/:id/review"
                    element={
                      <SignedIn>
                        <ReviewPage />
                      </SignedIn>
                    }
                  />
                  <Route
                    path="/targets"
                    element={
                      <SignedIn>
                        <TargetsListPage />
                      </SignedIn>
                    }
                  />
                  <Route
                    path="/import"
                    element={
                      <SignedIn>
                        <ImportPage />
                      </SignedIn>
                    }
                  />
                  <Route
                    path="/stats"
                    element={
                      <SignedIn>
                        <StatsPage />
                      </SignedIn>
                    }
                  />
                  <Route
                    path="/admin"
                    element={
                      <SignedIn roles={['admin']}>
                        <AdminPage />
                      </SignedIn>
                    }
                  />
                  <Route
                    path="*"
                    element={<Result status="404" title="404" subTitle={t('page.notFound')} />}
                  />
                </Routes>
              </Suspense>
            </ErrorBoundary>
          </BrowserRouter>
        </SessionProvider>
      </AntApp>
    </ConfigProvider>
  );
}
