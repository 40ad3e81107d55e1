#pragma once

class Monitor;
class QWidget;

// Asks before the window closes while a cleanup campaign of this process is
// still running: quitting then leaves the libraries not yet started undone
// (named at the next start) and a clear already sent is followed from the
// ledger next time, never sent again. Nothing to ask: closes at once.
namespace QuitGuard {

// Libraries not finished in this process's running campaigns.
int librariesInFlight(Monitor *monitor);

// True when the window may close: nothing runs, or the user said so.
bool mayQuit(Monitor *monitor, QWidget *parent);

} // namespace QuitGuard
