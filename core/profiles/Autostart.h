// Starting Strata at login, minimized to the tray, through an XDG autostart entry
// ($XDG_CONFIG_HOME/autostart/io.strata.Strata.desktop), which every Linux desktop reads.
#pragma once

#include "util/Result.h"

#include <QString>

namespace strata::autostart {

// Where the entry lives.
QString entryPath();
// Whether the entry exists and is not disabled (Hidden=true).
bool isEnabled();
// Writes the entry, starting `program --minimized`, or removes it.
Status setEnabled(bool enabled, const QString &program);

} // namespace strata::autostart
