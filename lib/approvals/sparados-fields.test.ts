import { describe, expect, it } from 'vitest';
import { toFormFieldErrors } from './sparados-fields';

describe('toFormFieldErrors', () => {
  it('puts Sparados field errors on the form fields they concern', () => {
    expect(
      toFormFieldErrors({
        'rules.budgetMinor': ['must be an integer'],
        'rules.validityPeriod.endDate': ['must be after startDate'],
        'user.prefix': ['must be digits'],
        'balance.id': ['is not a Card Alias ID of this corporation'],
        'rules.limits[1].timeUnit': ['is required'],
        mystery: ['odd'],
      }),
    ).toEqual({
      budget: ['Sparados: rules.budgetMinor must be an integer'],
      endDate: ['Sparados: rules.validityPeriod.endDate must be after startDate'],
      'cardholder.phonePrefix': ['Sparados: user.prefix must be digits'],
      cardAliasId: ['Sparados: balance.id is not a Card Alias ID of this corporation'],
      limits: ['Sparados: rules.limits[1].timeUnit is required'],
      _form: ['Sparados: mystery odd'],
    });
    expect(toFormFieldErrors(undefined)).toEqual({});
  });
});
