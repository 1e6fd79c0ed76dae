// Reads one file in large blocks and cuts it into content-defined chunks, telling the caller
// each chunk in order. One reader per thread, reused for many files: its buffer (at most the
// largest chunk plus one read, 8 MiB) is allocated and faulted in once, not once per file. Detects a file
// that changes while it is read (size, mtime or ctime differ before and after) and tells source errors (the
// file) from sink errors (the callback).
#pragma once

#include "chunk/Chunker.h"
#include "util/Result.h"

#include <QByteArray>
#include <QByteArrayView>

#include <functional>

namespace strata {

class FileReader final
{
public:
    struct Outcome
    {
        Status status;
        bool sourceError = false; // the failure came from reading the file, not from the callback
        bool changed = false;
        qint64 bytesRead = 0;
    };

    explicit FileReader(const Chunker &chunker) : m_chunker(chunker) {}

    Outcome read(const QByteArray &path, const std::function<Status(QByteArrayView chunk)> &each);

private:
    const Chunker &m_chunker;
    QByteArray m_buffer;
};

} // namespace strata
