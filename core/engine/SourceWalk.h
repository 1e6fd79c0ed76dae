// The paths a backup starts from, as a trie from "/": the folders above them are part of the
// version only as the way down to them (a version mirrors absolute paths), and a source that
// lies inside another source is covered by the outer one.
#pragma once

#include <QByteArray>
#include <QStringList>

#include <map>

namespace strata {

class SourceTrie final
{
public:
    struct Entry
    {
        bool isSource = false;
        std::map<QByteArray, Entry> children;
    };

    SourceTrie() = default;
    // Paths must be absolute and clean.
    explicit SourceTrie(const QList<QByteArray> &paths)
    {
        for (const QByteArray &p : paths) {
            Entry *e = &m_root;
            bool covered = e->isSource;
            const QList<QByteArray> parts = p.split('/');
            for (const QByteArray &part : parts) {
                if (part.isEmpty() || covered)
                    continue;
                e = &e->children[part];
                covered = e->isSource;
            }
            if (!covered) {
                e->isSource = true;
                e->children.clear(); // everything below is inside this source
            }
        }
    }

    const Entry *root() const { return &m_root; }

    // The distinct source paths, sorted.
    QList<QByteArray> roots() const
    {
        QList<QByteArray> out;
        collect(m_root, QByteArray(), out);
        return out;
    }

private:
    static void collect(const Entry &e, const QByteArray &path, QList<QByteArray> &out)
    {
        if (e.isSource) {
            out << (path.isEmpty() ? QByteArray("/") : path);
            return;
        }
        for (const auto &[name, child] : e.children)
            collect(child, path + '/' + name, out);
    }

    Entry m_root;
};

} // namespace strata
