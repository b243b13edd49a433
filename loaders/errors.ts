// Errors a user fixes by changing how they call a command or where things live (exit code 2),
// as opposed to what their data holds. The CLI prints their message without a stack trace.
export class UsageError extends Error {
  override name = "UsageError";
}
