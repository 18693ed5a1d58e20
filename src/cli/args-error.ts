/** A wrong command line: reported on stderr with exit code 2. */
export class UsageError extends Error {}
