// Little-endian, varint-based writing and bounds-checked reading of the binary formats
// (trees, pack headers, index files). A reader never reads past its end: a damaged or
// hostile input makes ok() false instead of crashing or allocating without bound.
#pragma once

#include "crypto/BlobId.h"

#include <QByteArray>

#include <cstdint>
#include <cstring>

namespace strata {

class ByteWriter final
{
public:
    explicit ByteWriter(QByteArray *out) : m_out(out) {}

    void u8(quint8 v) { m_out->append(char(v)); }
    void varint(quint64 v)
    {
        char buf[10];
        int n = 0;
        while (v >= 0x80) {
            buf[n++] = char((v & 0x7f) | 0x80);
            v >>= 7;
        }
        buf[n++] = char(v);
        m_out->append(buf, n);
    }
    // Zigzag: small numbers of either sign take few bytes.
    void svarint(qint64 v) { varint((quint64(v) << 1) ^ quint64(v >> 63)); }
    void i64(qint64 v)
    {
        char buf[8];
        for (int i = 0; i < 8; ++i)
            buf[i] = char(quint64(v) >> (8 * i));
        m_out->append(buf, 8);
    }
    void u32(quint32 v)
    {
        char buf[4];
        for (int i = 0; i < 4; ++i)
            buf[i] = char(v >> (8 * i));
        m_out->append(buf, 4);
    }
    void bytes(const QByteArray &b)
    {
        varint(quint64(b.size()));
        m_out->append(b);
    }
    void id(const BlobId &id) { m_out->append(reinterpret_cast<const char *>(id.bytes.data()), 32); }

private:
    QByteArray *m_out;
};

class ByteReader final
{
public:
    ByteReader(const char *data, qsizetype size) : m_p(data), m_end(data + size) {}
    explicit ByteReader(const QByteArray &b) : ByteReader(b.constData(), b.size()) {}

    bool ok() const { return m_ok; }
    bool atEnd() const { return m_p == m_end; }
    qsizetype remaining() const { return m_end - m_p; }

    quint8 u8()
    {
        if (!need(1))
            return 0;
        return quint8(*m_p++);
    }
    quint64 varint()
    {
        quint64 v = 0;
        for (int shift = 0; shift < 64; shift += 7) {
            if (!need(1))
                return 0;
            const quint8 b = quint8(*m_p++);
            v |= quint64(b & 0x7f) << shift;
            if (!(b & 0x80))
                return v;
        }
        m_ok = false;
        return 0;
    }
    qint64 svarint()
    {
        const quint64 v = varint();
        return qint64(v >> 1) ^ -qint64(v & 1);
    }
    qint64 i64()
    {
        if (!need(8))
            return 0;
        quint64 v = 0;
        for (int i = 0; i < 8; ++i)
            v |= quint64(quint8(m_p[i])) << (8 * i);
        m_p += 8;
        return qint64(v);
    }
    quint32 u32()
    {
        if (!need(4))
            return 0;
        quint32 v = 0;
        for (int i = 0; i < 4; ++i)
            v |= quint32(quint8(m_p[i])) << (8 * i);
        m_p += 4;
        return v;
    }
    QByteArray bytes()
    {
        const quint64 n = varint();
        if (!m_ok || n > quint64(remaining())) {
            m_ok = false;
            return {};
        }
        QByteArray b(m_p, qsizetype(n));
        m_p += n;
        return b;
    }
    BlobId id()
    {
        if (!need(32))
            return {};
        BlobId id = BlobId::fromBytes(m_p);
        m_p += 32;
        return id;
    }
    // A count of items of at least `minItemSize` bytes each: fails when the input cannot hold them.
    quint64 count(qsizetype minItemSize)
    {
        const quint64 n = varint();
        if (!m_ok || (minItemSize > 0 && n > quint64(remaining() / minItemSize))) {
            m_ok = false;
            return 0;
        }
        return n;
    }

private:
    bool need(qsizetype n)
    {
        if (!m_ok || m_end - m_p < n) {
            m_ok = false;
            return false;
        }
        return true;
    }

    const char *m_p;
    const char *m_end;
    bool m_ok = true;
};

} // namespace strata
