// The repository's layout, the same on every backend so a repository copied between them keeps
// working: which folder holds each kind of file, and which names a file may have.
#pragma once

#include "storage/Backend.h"

namespace strata {

// The folder of a kind ("keys", "data", ...); empty for the config, which sits at the top.
QString subdirOf(FileKind kind);

// Names come from hashes and random ids; anything else would escape the layout or be mistaken
// for a temp file (a leading dot). The config's name is fixed, so any name passes for it.
Status checkName(FileKind kind, const QString &name);

} // namespace strata
