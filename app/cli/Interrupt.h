// SIGINT and SIGTERM for strata-cli. Outside a cooperative Scope the first signal quits at
// once with ExitCode::Cancelled: nothing is half-written then, and the lock left behind is
// stale because its process is gone. Inside a Scope the first signal only raises a flag
// (polled by synchronous loops) and runs a callback in the main thread's event loop through
// a self-pipe, so a job can stop cleanly and flush what it uploaded; a second signal quits
// at once for the impatient.
#pragma once

#include <QObject>

#include <atomic>
#include <functional>
#include <memory>

struct termios;
class QSocketNotifier;

namespace strata::cli {

class Interrupt final
{
public:
    // Installs the handlers; call once, after the QCoreApplication exists.
    static void install();
    static bool requested();
    static const std::atomic<bool> *flag();
    // The terminal state to put back if a signal arrives while a prompt has echo turned off
    // (nullptr: nothing to restore). The object must outlive the call that clears it.
    static void setTerminalToRestore(const termios *saved);

    class Scope final
    {
    public:
        explicit Scope(std::function<void()> onInterrupt = {});
        ~Scope();
        Scope(const Scope &) = delete;
        Scope &operator=(const Scope &) = delete;

    private:
        std::unique_ptr<QSocketNotifier> m_notifier;
        std::function<void()> m_onInterrupt;
    };
};

} // namespace strata::cli
