// The error a malformed fault plan (`POST /__faults`) is answered with: HTTP 400, its message.
export class InvalidFaultPlanError extends Error {}
