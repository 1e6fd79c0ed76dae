// Extended attributes of files on disk, POSIX ACLs among them (the kernel shows an ACL as the
// attribute system.posix_acl_access or, on a folder, system.posix_acl_default, in a binary form
// that is the same on every Linux): read for a backup, written back by a restore.
//
// Every namespace the caller may read is kept: user.* for everyone, and as root trusted.* and
// security.* (file capabilities are security.capability).
#pragma once

#include "repo/Tree.h"

#include <QByteArray>

#include <vector>

namespace strata {

struct AttributeOptions
{
    bool xattrs = true; // everything but the ACLs
    bool acls = true;   // system.posix_acl_access and system.posix_acl_default

    static bool isAcl(const QByteArray &name);
    bool wants(const QByteArray &name) const { return isAcl(name) ? acls : xattrs; }
    bool any() const { return xattrs || acls; }
};

// The attributes of `path` (a symlink's own, never its target's), sorted by name. A file
// system without attributes gives none; an attribute removed while it was read is left out.
// Fails with the errno of the first call that fails otherwise.
Result<std::vector<ExtendedAttribute>> readAttributes(const QByteArray &path,
                                                      const AttributeOptions &options);

struct AttributeFailure
{
    QByteArray name;
    int error = 0; // errno
};

// Sets `attributes` on the open file `fd` (or, with fd < 0, on `path`, not following a
// symlink). Returns the ones that could not be set; the others are set whatever happens.
std::vector<AttributeFailure> writeAttributes(int fd, const QByteArray &path,
                                              const std::vector<ExtendedAttribute> &attributes,
                                              const AttributeOptions &options);

// What a failure to set `name` is called in a warning, e.g. "could not set ACLs (Operation not
// supported)"; failures with the same text are counted together.
QString attributeFailureReason(const AttributeFailure &failure);

} // namespace strata
