// Paths as bytes. File names on Linux are bytes, not text: a name that is not UTF-8 survives a
// trip through these helpers, where QString and QDir would replace its bytes.
#pragma once

#include <QByteArray>
#include <QByteArrayList>
#include <QByteArrayView>
#include <QStringDecoder>

namespace strata::paths {

// Whether a name's bytes are valid UTF-8, which archive formats that keep names as text need.
inline bool isUtf8(QByteArrayView name)
{
    QStringDecoder decoder(QStringDecoder::Utf8, QStringConverter::Flag::Stateless);
    const QString text = decoder.decode(name); // decode() is lazy: converting runs it
    return !decoder.hasError();
}

// The path with "//" and "." removed and ".." resolved by name, as QDir::cleanPath does: an
// absolute path stays at or below "/", a relative one keeps the ".." it cannot resolve. An
// empty path stays empty.
inline QByteArray clean(QByteArrayView path)
{
    if (path.isEmpty())
        return {};
    const bool absolute = path.startsWith('/');
    QByteArrayList parts;
    for (const QByteArray &part : path.toByteArray().split('/')) {
        if (part.isEmpty() || part == ".")
            continue;
        if (part == ".." && !parts.isEmpty() && parts.last() != "..")
            parts.removeLast();
        else if (part != ".." || !absolute)
            parts.append(part);
    }
    const QByteArray joined = parts.join('/');
    if (absolute)
        return '/' + joined;
    return joined.isEmpty() ? QByteArray(".") : joined;
}

// `path` if it is absolute, else `path` below `base`; cleaned.
inline QByteArray absoluteBelow(const QByteArray &base, const QByteArray &path)
{
    return clean(path.startsWith('/') ? path : base + '/' + path);
}

} // namespace strata::paths
