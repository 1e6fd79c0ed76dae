#include "Interrupt.h"

#include "ExitCodes.h"

#include <QSocketNotifier>

#include <cerrno>
#include <csignal>
#include <fcntl.h>
#include <termios.h>
#include <unistd.h>

namespace strata::cli {

namespace {

int g_pipe[2] = {-1, -1};
std::atomic<bool> g_flag{false};
std::atomic<bool> g_cooperative{false};
std::atomic<int> g_signals{0};
std::atomic<const termios *> g_terminal{nullptr};
bool g_stderrTty = false;

void writeAll(int fd, const char *text, size_t size)
{
    while (size > 0) {
        const ssize_t n = ::write(fd, text, size);
        if (n <= 0)
            return;
        text += n;
        size -= size_t(n);
    }
}

// Only async-signal-safe calls in here: atomics, write, tcsetattr, _exit.
void onSignal(int sig)
{
    const int savedErrno = errno;
    if (const termios *t = g_terminal.load())
        tcsetattr(STDIN_FILENO, TCSANOW, t);
    const int count = g_signals.fetch_add(1) + 1;
    if (!g_cooperative.load() || count > 1) {
        static const char ttyText[] = "\r\x1b[K\nstrata-cli: interrupted\n";
        static const char plainText[] = "strata-cli: interrupted\n";
        if (g_stderrTty)
            writeAll(STDERR_FILENO, ttyText, sizeof ttyText - 1);
        else
            writeAll(STDERR_FILENO, plainText, sizeof plainText - 1);
        _exit(toInt(ExitCode::Cancelled));
    }
    g_flag.store(true);
    const char byte = char(sig);
    if (g_pipe[1] >= 0)
        (void)!::write(g_pipe[1], &byte, 1);
    errno = savedErrno;
}

} // namespace

void Interrupt::install()
{
    g_stderrTty = isatty(STDERR_FILENO) == 1;
    if (::pipe2(g_pipe, O_CLOEXEC | O_NONBLOCK) != 0)
        g_pipe[0] = g_pipe[1] = -1;
    struct sigaction action = {};
    action.sa_handler = onSignal;
    sigemptyset(&action.sa_mask);
    action.sa_flags = SA_RESTART;
    sigaction(SIGINT, &action, nullptr);
    sigaction(SIGTERM, &action, nullptr);
    // A closed pipe on stdout must not kill the process before it removes its lock.
    std::signal(SIGPIPE, SIG_IGN);
}

bool Interrupt::requested()
{
    return g_flag.load();
}

const std::atomic<bool> *Interrupt::flag()
{
    return &g_flag;
}

void Interrupt::setTerminalToRestore(const termios *saved)
{
    g_terminal.store(saved);
}

Interrupt::Scope::Scope(std::function<void()> onInterrupt) : m_onInterrupt(std::move(onInterrupt))
{
    if (m_onInterrupt && g_pipe[0] >= 0) {
        m_notifier = std::make_unique<QSocketNotifier>(g_pipe[0], QSocketNotifier::Read);
        QObject::connect(m_notifier.get(), &QSocketNotifier::activated, m_notifier.get(), [this] {
            char buffer[16];
            while (::read(g_pipe[0], buffer, sizeof buffer) > 0) {
            }
            m_onInterrupt();
        });
    }
    g_cooperative.store(true);
}

Interrupt::Scope::~Scope()
{
    g_cooperative.store(false);
}

} // namespace strata::cli
