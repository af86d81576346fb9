// Password length rules as plain constants: the forms (client bundle) and the argon2 hashing module
// (server, native) share them without the forms pulling in argon2.

export const PASSWORD_MIN_LENGTH = 12;
/** Longer inputs are refused before hashing so a huge body cannot tie up the server. */
export const PASSWORD_MAX_LENGTH = 256;
