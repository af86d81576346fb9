import { Spinner } from '@/components/ui/spinner';

export default function PanelLoading() {
  return (
    <div className="flex min-h-[50vh] items-center justify-center text-slate-500">
      <Spinner size="lg" label="Loading the page" />
    </div>
  );
}
