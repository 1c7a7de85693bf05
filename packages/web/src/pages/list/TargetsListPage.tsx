import { EvaluationList } from './EvaluationList.tsx';

/** 目标申报: the target declarations the person may see. */
export default function TargetsListPage() {
  return <EvaluationList stage="targets" />;
}
