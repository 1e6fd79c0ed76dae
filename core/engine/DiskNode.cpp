#include "engine/DiskNode.h"

namespace strata {

Node nodeFromStat(const QByteArray &name, const struct stat &st)
{
    Node n;
    n.name = name;
    n.mode = st.st_mode & 07777;
    n.uid = st.st_uid;
    n.gid = st.st_gid;
    n.mtime = Timestamp::fromTimespec(st.st_mtim);
    n.ctime = Timestamp::fromTimespec(st.st_ctim);
    n.inode = st.st_ino;
    n.device = st.st_dev;
    n.links = quint32(st.st_nlink);
    if (S_ISREG(st.st_mode)) {
        n.type = NodeType::File;
        n.size = quint64(st.st_size);
        n.sparse = quint64(st.st_blocks) * 512 < quint64(st.st_size);
    } else if (S_ISDIR(st.st_mode)) {
        n.type = NodeType::Directory;
        n.links = 1;
    } else if (S_ISLNK(st.st_mode)) {
        n.type = NodeType::Symlink;
        n.size = quint64(st.st_size);
    } else if (S_ISFIFO(st.st_mode)) {
        n.type = NodeType::Fifo;
    } else if (S_ISCHR(st.st_mode)) {
        n.type = NodeType::CharDevice;
        n.rdev = st.st_rdev;
    } else if (S_ISBLK(st.st_mode)) {
        n.type = NodeType::BlockDevice;
        n.rdev = st.st_rdev;
    } else {
        n.type = NodeType::Socket;
    }
    if (n.type != NodeType::File)
        n.links = 1;
    return n;
}

} // namespace strata
