// A file on disk as a version's tree records it (everything stat says; no content, no
// extended attributes).
#pragma once

#include "repo/Tree.h"

#include <sys/stat.h>

namespace strata {

Node nodeFromStat(const QByteArray &name, const struct stat &st);

} // namespace strata
