// Colours for states the palette has no role for (an error's red, a warning's amber, a success's
// green). Each is picked against the palette's Base, darker on a light theme and lighter on a
// dark one, so it keeps its contrast in both; everything else in the UI uses palette roles.
#pragma once

#include <QColor>
#include <QPalette>

namespace strata {

inline bool isDarkPalette(const QPalette &palette)
{
    return palette.color(QPalette::Base).lightnessF() < 0.5;
}

inline QColor errorColor(const QPalette &palette)
{
    return isDarkPalette(palette) ? QColor(0xff, 0x6b, 0x6b) : QColor(0xc6, 0x28, 0x28);
}

inline QColor warningColor(const QPalette &palette)
{
    return isDarkPalette(palette) ? QColor(0xff, 0xb7, 0x4d) : QColor(0xa8, 0x5d, 0x00);
}

inline QColor successColor(const QPalette &palette)
{
    return isDarkPalette(palette) ? QColor(0x81, 0xc7, 0x84) : QColor(0x2e, 0x7d, 0x32);
}

} // namespace strata
