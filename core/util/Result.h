// Errors as values: every I/O and repository operation returns a Result that either holds
// its value or an Error a person can read. Exceptions never cross module boundaries.
#pragma once

#include <QString>

#include <cassert>
#include <optional>
#include <utility>
#include <variant>

namespace strata {

enum class ErrorCode
{
    Io,                // reading or writing failed (permissions, device error)
    NoSpace,           // the destination is full
    NotFound,          // a file, version or blob that was asked for does not exist
    RepositoryMissing, // no repository at the given place
    WrongPassword,     // no key file opens with the given password
    Locked,            // another process holds an exclusive lock
    Corrupt,           // data failed authentication, a checksum or parsing
    Unsupported,       // a newer repository format or an unknown setting
    InvalidArgument,   // bad input from the caller
    Cancelled,         // the user asked to stop
    Internal,          // a bug
    // What a remote destination adds. Network and Timeout are transient: the same call may
    // succeed when tried again. Auth is permanent until the user changes something.
    Network, // the server could not be reached or the connection broke (DNS, refused, reset, TLS)
    Timeout, // the server stopped answering within the call's time limit
    Auth,    // the storage refused the credentials, the host key, or access to the place
};

// True for the errors a retry may cure (a dropped connection, a server that did not answer in
// time); everything else fails the same way again.
constexpr bool isTransient(ErrorCode code)
{
    return code == ErrorCode::Network || code == ErrorCode::Timeout;
}

struct Error
{
    ErrorCode code = ErrorCode::Internal;
    QString message;

    static Error io(QString m) { return {ErrorCode::Io, std::move(m)}; }
    static Error corrupt(QString m) { return {ErrorCode::Corrupt, std::move(m)}; }
    static Error notFound(QString m) { return {ErrorCode::NotFound, std::move(m)}; }
    static Error invalid(QString m) { return {ErrorCode::InvalidArgument, std::move(m)}; }
    static Error cancelled() { return {ErrorCode::Cancelled, QStringLiteral("cancelled")}; }
    static Error network(QString m) { return {ErrorCode::Network, std::move(m)}; }
    static Error timeout(QString m) { return {ErrorCode::Timeout, std::move(m)}; }
    static Error auth(QString m) { return {ErrorCode::Auth, std::move(m)}; }
};

// Builds an Error from errno after a failed system call, naming what was being done.
Error errnoError(const QString &what, int err);

template <typename T>
class [[nodiscard]] Result
{
public:
    Result(T value) : m_v(std::in_place_index<0>, std::move(value)) {}
    Result(Error error) : m_v(std::in_place_index<1>, std::move(error)) {}

    bool ok() const { return m_v.index() == 0; }
    explicit operator bool() const { return ok(); }

    T &value() &
    {
        assert(ok());
        return std::get<0>(m_v);
    }
    const T &value() const &
    {
        assert(ok());
        return std::get<0>(m_v);
    }
    T &&value() &&
    {
        assert(ok());
        return std::get<0>(std::move(m_v));
    }
    T *operator->() { return &value(); }
    const T *operator->() const { return &value(); }
    T &operator*() & { return value(); }
    const T &operator*() const & { return value(); }

    const Error &error() const
    {
        assert(!ok());
        return std::get<1>(m_v);
    }

private:
    std::variant<T, Error> m_v;
};

template <>
class [[nodiscard]] Result<void>
{
public:
    Result() = default;
    Result(Error error) : m_error(std::move(error)) {}

    bool ok() const { return !m_error; }
    explicit operator bool() const { return ok(); }
    const Error &error() const
    {
        assert(!ok());
        return *m_error;
    }

private:
    std::optional<Error> m_error;
};

using Status = Result<void>;

} // namespace strata

// Returns the error of a failed Result from the enclosing function.
#define STRATA_TRY(expr)                                                                                     \
    do {                                                                                                     \
        auto &&strata_try_r_ = (expr);                                                                       \
        if (!strata_try_r_.ok())                                                                             \
            return strata_try_r_.error();                                                                    \
    } while (0)
