/** A configuration problem the operator can fix; its message is one sentence naming the variable. */
export class ConfigError extends Error {}
