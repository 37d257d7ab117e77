// Notices when the process that started this one is gone (this process was re-parented), and calls
// onOrphaned once. `npm start` needs it: npm passes SIGTERM/SIGINT to the shell it runs the script in,
// and that shell (dash, cmd.exe) dies of it without passing it on; polling the parent id is the one
// way that works on every OS (and after a SIGKILL too).
export function exitWithParent(onOrphaned, everyMs = 200) {
  const parent = process.ppid;
  const timer = setInterval(() => {
    if (process.ppid === parent) return;
    clearInterval(timer);
    onOrphaned();
  }, everyMs);
  timer.unref();
}
