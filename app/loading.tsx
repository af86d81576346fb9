import { Spinner } from '@/components/ui/spinner';

export default function Loading() {
  return (
    <div className="flex min-h-screen items-center justify-center text-slate-500">
      <Spinner size="lg" label="Loading the page" />
    </div>
  );
}
