'use client';

import { setSparadosContract } from '@/lib/sparados/actions';
import { CONTRACT_DESCRIPTIONS, CONTRACT_LABELS, CONTRACT_TYPES, type ContractType } from '@/lib/sparados/contract-type';
import { ChoiceSettingForm } from './choice-setting-form';

// Settings → which Sparados contract the corporation has. Under Simple the panel offers no Full API
// option anywhere, and its server refuses Full API calls whatever sends them.

const CHOICES = CONTRACT_TYPES.map((type) => ({ value: type, label: CONTRACT_LABELS[type], description: CONTRACT_DESCRIPTIONS[type] }));

export function SparadosContractForm({ contract, canManage }: { contract: ContractType; canManage: boolean }) {
  return (
    <ChoiceSettingForm
      id="sparados-contract"
      title="Sparados contract"
      description="What your agreement with Sparados includes. “Test connection” below checks whether the Full API answers your certificate."
      legend="Contract type"
      choices={CHOICES}
      value={contract}
      canManage={canManage}
      saveLabel="Save contract"
      save={(choice) => setSparadosContract({ contract: choice })}
    />
  );
}
