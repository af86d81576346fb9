'use client';

import { createContext, useContext, type ReactNode } from 'react';
import { limitDefaultNote, type SparadosFacts } from '@/lib/sparados/contract-type';

// The contract type and environment, for components deep in a form (the limits editor, the assign
// form) that must not offer what the contract lacks. The panel layout reads them once per render.

const FALLBACK: SparadosFacts = { environment: 'sandbox', contract: 'SIMPLE', limitDefault: limitDefaultNote('sandbox') };
const Context = createContext<SparadosFacts>(FALLBACK);

export function SparadosFactsProvider({ facts, children }: { facts: SparadosFacts; children: ReactNode }) {
  return <Context.Provider value={facts}>{children}</Context.Provider>;
}

export function useSparadosFacts(): SparadosFacts {
  return useContext(Context);
}
