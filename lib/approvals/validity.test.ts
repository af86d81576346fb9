import { describe, expect, it } from 'vitest';
import { isTimeZone, localDate, parseValidityDate } from './validity';

describe('parseValidityDate', () => {
  it('reads a bare date as the start or end of that day in the zone', () => {
    expect(parseValidityDate('2030-01-15', 'Europe/Warsaw', 'start')).toEqual({ ok: true, instant: new Date('2030-01-14T23:00:00.000Z') });
    expect(parseValidityDate('2030-07-15', 'Europe/Warsaw', 'end')).toEqual({ ok: true, instant: new Date('2030-07-15T21:59:59.999Z') });
    expect(parseValidityDate('2030-07-15', 'Asia/Tokyo', 'start')).toEqual({ ok: true, instant: new Date('2030-07-14T15:00:00.000Z') });
  });

  it('reads a local date and time, and takes an instant with an offset as sent', () => {
    expect(parseValidityDate('2030-03-01 08:15', 'UTC', 'start')).toEqual({ ok: true, instant: new Date('2030-03-01T08:15:00.000Z') });
    expect(parseValidityDate('2030-03-01T08:15:00+02:00', 'UTC', 'start')).toEqual({ ok: true, instant: new Date('2030-03-01T06:15:00.000Z') });
  });

  it('refuses what is not a date', () => {
    expect(parseValidityDate('2030-02-29', 'UTC', 'start')).toEqual({ ok: false, message: 'Enter a real date' });
    expect(parseValidityDate('2030-01-01T25:00', 'UTC', 'start')).toEqual({ ok: false, message: 'Enter a real time of day' });
    expect(parseValidityDate('01.02.2030', 'UTC', 'start')).toMatchObject({ ok: false });
    expect(parseValidityDate('2030-01-01', 'Nowhere/City', 'start')).toEqual({ ok: false, message: 'Choose a time zone first' });
    expect(parseValidityDate(' ', 'UTC', 'end')).toEqual({ ok: false, message: 'Enter the end date' });
  });
});

describe('time zones', () => {
  it('knows IANA names and gives local calendar dates', () => {
    expect(isTimeZone('Europe/Warsaw')).toBe(true);
    expect(isTimeZone('Europe/Nowhere')).toBe(false);
    expect(localDate(new Date('2030-01-01T23:30:00Z'), 'Europe/Warsaw')).toBe('2030-01-02');
  });
});
