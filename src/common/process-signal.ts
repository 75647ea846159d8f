/** Sends a signal; false when the process is gone (or not ours to signal). Signal 0 only asks. */
export function signalProcess(pid: number, signal: NodeJS.Signals | 0): boolean {
  try {
    process.kill(pid, signal);
    return true;
  } catch {
    return false;
  }
}

/** True while the process exists (a zombie not yet reaped counts). */
export function isProcessRunning(pid: number): boolean {
  return signalProcess(pid, 0);
}
