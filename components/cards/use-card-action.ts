'use client';

import { useMutation, useQueryClient } from '@tanstack/react-query';
import { useRouter } from 'next/navigation';
import { useCallback, useState } from 'react';
import type { ActionFailure, ActionResult } from '@/lib/actions';
import type { CardDetail } from '@/lib/approvals/view-types';

// One intent, one idempotency key: the key is made when the control appears and replaced only
// after the server has answered, so a double click or a retry of the same intent sends it once.
export function useIntentKey(): [string, () => void] {
  const [key, setKey] = useState(() => crypto.randomUUID());
  return [key, useCallback(() => setKey(crypto.randomUUID()), [])];
}

export class ActionFailed extends Error {
  constructor(readonly failure: ActionFailure) {
    super(failure.message);
  }
}

export const cardQueryKey = (cardId: string) => ['card', cardId] as const;

/**
 * Runs a card action as a mutation. `optimistic` changes the cached card at once and is rolled back
 * if the server refuses; on any outcome the card is fetched again.
 */
export function useCardAction<I, T>(cardId: string, action: (input: I) => Promise<ActionResult<T>>, optimistic?: (card: CardDetail) => CardDetail) {
  const client = useQueryClient();
  const router = useRouter();
  return useMutation<T, ActionFailed | Error, I, { previous?: CardDetail }>({
    mutationFn: async (input) => {
      const result = await action(input);
      if (!result.ok) throw new ActionFailed(result);
      return result.data;
    },
    onMutate: async () => {
      if (!optimistic) return {};
      await client.cancelQueries({ queryKey: cardQueryKey(cardId) });
      const previous = client.getQueryData<CardDetail>(cardQueryKey(cardId));
      if (previous) client.setQueryData(cardQueryKey(cardId), optimistic(previous));
      return { previous };
    },
    onError: (_error, _input, context) => {
      if (context?.previous) client.setQueryData(cardQueryKey(cardId), context.previous);
    },
    onSettled: async () => {
      await client.invalidateQueries({ queryKey: cardQueryKey(cardId) });
      router.refresh();
    },
  });
}

export function failureOf(error: unknown): ActionFailure | null {
  if (error instanceof ActionFailed) return error.failure;
  if (error) return { ok: false, code: 'INTERNAL', message: 'Could not reach the panel. Check your connection and try again.', fieldErrors: {} };
  return null;
}
