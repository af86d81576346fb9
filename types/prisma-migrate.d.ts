// @prisma/migrate's package.json points "types" at a path it does not ship; its declarations are here.
declare module '@prisma/migrate' {
  import * as migrate from '@prisma/migrate/dist/src/index';
  export = migrate;
}
