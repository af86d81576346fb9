'use client';

import { useRouter } from 'next/navigation';
import { useState, useTransition, type FormEvent } from 'react';
import { Alert } from '@/components/ui/alert';
import { Button } from '@/components/ui/button';
import { Card, CardContent, CardDescription, CardHeader, CardTitle } from '@/components/ui/card';
import type { ActionResult } from '@/lib/actions';

// A Settings card whose one setting is a choice among a few described options (radio cards).

export interface Choice<V extends string> {
  value: V;
  label: string;
  description: string;
}

interface Props<V extends string> {
  id: string;
  title: string;
  description: string;
  legend: string;
  choices: readonly Choice<V>[];
  value: V;
  canManage: boolean;
  saveLabel: string;
  save(value: V): Promise<ActionResult<unknown>>;
}

export function ChoiceSettingForm<V extends string>({ id, title, description, legend, choices, value, canManage, saveLabel, save }: Props<V>) {
  const router = useRouter();
  const [choice, setChoice] = useState<V>(value);
  const [result, setResult] = useState<ActionResult<unknown> | null>(null);
  const [savedAs, setSavedAs] = useState<V | null>(null);
  const [pending, startTransition] = useTransition();

  function onSubmit(event: FormEvent<HTMLFormElement>) {
    event.preventDefault();
    startTransition(async () => {
      const outcome = await save(choice);
      setResult(outcome);
      if (outcome.ok) {
        setSavedAs(choice);
        router.refresh();
      }
    });
  }

  return (
    <Card aria-labelledby={`${id}-title`}>
      <CardHeader>
        <div>
          <CardTitle id={`${id}-title`}>{title}</CardTitle>
          <CardDescription>{description}</CardDescription>
        </div>
      </CardHeader>
      <CardContent>
        <form onSubmit={onSubmit} className="space-y-4" aria-label={title}>
          <fieldset disabled={!canManage || pending} className="space-y-3">
            <legend className="sr-only">{legend}</legend>
            {choices.map((option) => (
              <label key={option.value} className="flex cursor-pointer gap-3 rounded-md border border-slate-200 p-3 has-[:checked]:border-indigo-500 has-[:checked]:bg-indigo-50/50">
                <input type="radio" name={id} value={option.value} checked={choice === option.value} onChange={() => setChoice(option.value)} className="mt-1" />
                <span>
                  <span className="block text-sm font-medium text-slate-900">{option.label}</span>
                  <span className="block text-sm text-slate-600">{option.description}</span>
                </span>
              </label>
            ))}
          </fieldset>
          {canManage ? (
            <div className="flex flex-wrap items-center gap-3">
              <Button type="submit" pending={pending} disabled={choice === value}>
                {saveLabel}
              </Button>
              <Alert tone={result?.ok ? 'success' : 'error'} className="flex-1">
                {result?.ok && savedAs ? `Saved: ${choices.find((c) => c.value === savedAs)?.label}.` : result && !result.ok ? result.message : null}
              </Alert>
            </div>
          ) : null}
        </form>
      </CardContent>
    </Card>
  );
}
