import { describe, expect, it } from 'vitest';
import { z } from 'zod';
import { FORM_ERROR_KEY, fieldErrorsFromZod, formDataToObject, normalizeInput } from './input';

describe('formDataToObject', () => {
  it('keeps single values, gathers repeated names and drops Next bookkeeping', () => {
    const form = new FormData();
    form.append('email', 'a@b.test');
    form.append('tags', 'x');
    form.append('tags', 'y');
    form.append('tags', 'z');
    form.append('$ACTION_ID_abc', '');
    expect(formDataToObject(form)).toEqual({ email: 'a@b.test', tags: ['x', 'y', 'z'] });
  });

  it('leaves plain objects alone', () => {
    const input = { a: 1 };
    expect(normalizeInput(input)).toBe(input);
  });
});

describe('fieldErrorsFromZod', () => {
  it('keys messages by dotted path and puts whole-input issues under _form', () => {
    const schema = z
      .object({ email: z.email('Enter an e-mail address'), limits: z.object({ atm: z.number().min(0, 'Must be 0 or more') }) })
      .refine(() => false, 'Something about the whole form');
    const result = schema.safeParse({ email: 'nope', limits: { atm: -1 } });
    expect(result.success).toBe(false);
    const errors = fieldErrorsFromZod(result.error!);
    expect(errors.email).toEqual(['Enter an e-mail address']);
    expect(errors['limits.atm']).toEqual(['Must be 0 or more']);

    const whole = z.object({ a: z.string() }).refine(() => false, 'Whole form').safeParse({ a: 'x' });
    expect(fieldErrorsFromZod(whole.error!)[FORM_ERROR_KEY]).toEqual(['Whole form']);
  });
});
