import { EvaluationList } from './EvaluationList.tsx';

/** 自评表列表: the self-evaluations the person may see. */
export default function EvaluationListPage() {
  return <EvaluationList stage="self-evaluation" />;
}
