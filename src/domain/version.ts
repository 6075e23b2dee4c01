/**
 * callhound's version, as `callhound --version` and the API's /meta report it. Written here rather than read
 * from package.json at run time, so that the leaf touches no file system; test/domain/version.test.ts fails
 * when the two disagree.
 */
export const callhoundVersion = '0.1.0';
