#include "Labels.h"

#include <QCheckBox>
#include <QLabel>

namespace strata {

QLabel *wrappedLabel(const QString &text, QWidget *parent, const QString &objectName)
{
    auto *label = new QLabel(text, parent);
    label->setWordWrap(true);
    label->setTextFormat(Qt::PlainText);
    if (!objectName.isEmpty())
        label->setObjectName(objectName);
    return label;
}

presets::OtclientCategories
checkedCategories(const QList<QPair<presets::OtclientCategory, QCheckBox *>> &boxes)
{
    presets::OtclientCategories categories;
    for (const auto &[category, box] : boxes)
        if (box->isEnabled() && box->isChecked())
            categories |= category;
    return categories;
}

} // namespace strata
