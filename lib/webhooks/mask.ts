// One-time codes are secrets (API-REFERENCE §7): only their last two digits are ever kept or shown.

const DOTS = '••••';

/** "123456" → "••••56"; anything of 4 characters or fewer is hidden whole. */
export function maskCode(code: string): string {
  return code.length <= 4 ? DOTS : `${DOTS}${code.slice(-2)}`;
}

/** "+48600100200" → "+48•••••200": enough to recognise the number, not to call it. */
export function maskPhone(phone: string): string {
  const digits = phone.replace(/\s+/g, '');
  if (digits.length <= 6) return DOTS;
  return `${digits.slice(0, 3)}${'•'.repeat(digits.length - 6)}${digits.slice(-3)}`;
}

/** "lena.kowalska@example.com" → "l•••@example.com": whose inbox, not the address. */
export function maskEmail(email: string): string {
  const at = email.lastIndexOf('@');
  if (at < 1) return DOTS;
  return `${email[0]}•••${email.slice(at)}`;
}

/** A delivery address as the timeline may show it. */
export function maskAddress(address: string): string {
  if (address.includes('@')) return maskEmail(address);
  return /^\+?[\d\s]+$/.test(address) ? maskPhone(address) : address;
}
