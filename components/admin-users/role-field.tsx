'use client';

import { useState } from 'react';
import { Field } from '@/components/ui/field';
import { Select } from '@/components/ui/select';
import { ROLE_DESCRIPTIONS, ROLE_LABELS, ROLES, type Role } from '@/lib/auth/permissions';

/** A role picker whose hint says what the chosen role may do. */
export function RoleField({ defaultRole, error }: { defaultRole: Role; error?: string }) {
  const [role, setRole] = useState<Role>(defaultRole);
  return (
    <Field label="Role" hint={ROLE_DESCRIPTIONS[role]} error={error}>
      <Select name="role" value={role} onChange={(event) => setRole(event.target.value as Role)}>
        {ROLES.map((option) => (
          <option key={option} value={option}>
            {ROLE_LABELS[option]}
          </option>
        ))}
      </Select>
    </Field>
  );
}
