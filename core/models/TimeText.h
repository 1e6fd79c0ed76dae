// One way to write a moment everywhere a user reads one (the timeline, the browser, the restore
// preview, the history, the dialogs): the locale's short date and time, in local time.
#pragma once

#include <QDateTime>
#include <QString>

namespace strata {

QString timeText(const QDateTime &time);
QString dateText(const QDate &date);

} // namespace strata
