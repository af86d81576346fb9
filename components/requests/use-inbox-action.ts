'use client';

import { useMutation, useQueryClient } from '@tanstack/react-query';
import { useRouter } from 'next/navigation';
import type { ActionResult } from '@/lib/actions';
import { ActionFailed } from '@/components/cards/use-card-action';

export const requestsQueryKey = ['requests'] as const;
export const requestsCountQueryKey = ['requests-count'] as const;

/** A decision taken from the inbox: on any outcome the inbox and the sidebar's count are read again. */
export function useInboxAction<I, T>(action: (input: I) => Promise<ActionResult<T>>) {
  const client = useQueryClient();
  const router = useRouter();
  return useMutation<T, ActionFailed | Error, I>({
    mutationFn: async (input) => {
      const result = await action(input);
      if (!result.ok) throw new ActionFailed(result);
      return result.data;
    },
    onSettled: async () => {
      await Promise.all([client.invalidateQueries({ queryKey: requestsQueryKey }), client.invalidateQueries({ queryKey: requestsCountQueryKey })]);
      router.refresh();
    },
  });
}
