// Small builders shared by the dialogs and wizards.
#pragma once

#include "profiles/Presets.h"

#include <QList>
#include <QPair>
#include <QString>

class QCheckBox;
class QLabel;
class QWidget;

namespace strata {

// A plain-text label that wraps, named for tests when `objectName` is given.
QLabel *wrappedLabel(const QString &text, QWidget *parent, const QString &objectName = {});

// The OTClient categories whose check boxes are enabled and ticked.
presets::OtclientCategories
checkedCategories(const QList<QPair<presets::OtclientCategory, QCheckBox *>> &boxes);

} // namespace strata
