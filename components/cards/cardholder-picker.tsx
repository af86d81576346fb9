'use client';

import { Search } from 'lucide-react';
import { useEffect, useId, useState } from 'react';
import { Input } from '@/components/ui/input';
import { Label } from '@/components/ui/label';
import { Spinner } from '@/components/ui/spinner';
import { findCardholders } from '@/lib/cardholders/actions';
import type { CardholderOption } from '@/lib/cardholders/queries';

// Search the cardholder directory and choose one person: a search box and the matches as radio
// buttons (arrow keys move between them; the choice is announced).

export function CardholderPicker({
  id,
  selected,
  onSelect,
  error,
  disabled,
}: {
  /** id of the search box, for error summaries that link to it. */
  id: string;
  selected: CardholderOption | null;
  onSelect: (option: CardholderOption) => void;
  error?: string;
  disabled?: boolean;
}) {
  const name = useId();
  const [query, setQuery] = useState('');
  const [options, setOptions] = useState<CardholderOption[]>([]);
  const [searching, setSearching] = useState(false);
  const [problem, setProblem] = useState<string | null>(null);

  useEffect(() => {
    const q = query.trim();
    if (q.length < 2) {
      setOptions([]);
      return;
    }
    let live = true;
    const timer = setTimeout(async () => {
      setSearching(true);
      const result = await findCardholders({ q });
      if (!live) return;
      setSearching(false);
      if (result.ok) {
        setOptions(result.data);
        setProblem(null);
      } else setProblem(result.message);
    }, 250);
    return () => {
      live = false;
      clearTimeout(timer);
    };
  }, [query]);

  const shown = selected && !options.some((o) => o.id === selected.id) ? [selected, ...options] : options;
  const errorId = error ? `${id}-error` : undefined;

  return (
    <div className="space-y-2">
      <Label htmlFor={id}>Find a cardholder</Label>
      <div className="relative">
        <Search aria-hidden="true" className="pointer-events-none absolute top-3 left-3 h-4 w-4 text-slate-400" />
        <Input
          id={id}
          type="search"
          value={query}
          disabled={disabled}
          placeholder="Name, e-mail or phone"
          autoComplete="off"
          className="pl-9"
          aria-invalid={error ? true : undefined}
          aria-describedby={[`${id}-hint`, errorId].filter(Boolean).join(' ')}
          onChange={(event) => setQuery(event.target.value)}
        />
      </div>
      <p id={`${id}-hint`} className="text-xs text-slate-500">
        Type at least two characters.
      </p>
      {error ? (
        <p id={errorId} className="text-sm text-red-700">
          {error}
        </p>
      ) : null}
      <div aria-live="polite" className="text-sm text-slate-600">
        {searching ? <Spinner size="sm" label="Searching" /> : null}
        {problem}
        {!searching && query.trim().length >= 2 && options.length === 0 && !problem ? 'No cardholder matches. Enter a new one instead.' : null}
      </div>
      {shown.length > 0 ? (
        <div role="radiogroup" aria-label="Matching cardholders" className="divide-y divide-slate-100 rounded-md border border-slate-200">
          {shown.map((option) => (
            <label key={option.id} className="flex cursor-pointer items-start gap-3 px-3 py-2 text-sm hover:bg-slate-50">
              <input
                type="radio"
                name={name}
                value={option.id}
                checked={selected?.id === option.id}
                disabled={disabled}
                onChange={() => onSelect(option)}
                className="mt-1 h-4 w-4 accent-indigo-600"
              />
              <span>
                <span className="font-medium text-slate-900">{option.label}</span>
                <span className="block text-xs text-slate-500">
                  {option.email}
                  {option.phone ? ` · ${option.phone}` : ''}
                  {option.sparadosUserId ? ` · Sparados user ${option.sparadosUserId}` : ''}
                </span>
              </span>
            </label>
          ))}
        </div>
      ) : null}
    </div>
  );
}
