// Ready-made backup sets: the home folder, Documents, and OTClient's user folder by category
// (settings, characters, modules and mods, logs; its cache is always left out). Also what the
// UI needs around OTClient: finding its folders, the warning about remembered credentials in
// config.otml, and whether the client is running.
//
// Every function returns a finished, valid BackupSet (a new id, the default repository, a
// daily schedule) that the caller may still edit before SetStore::add().
#pragma once

#include "profiles/BackupSet.h"

#include <QFlags>
#include <QString>
#include <QStringList>

namespace strata::presets {

// QStandardPaths::AppDataLocation + "/repository".
QString defaultRepository();

// Excludes the home folder's caches, trash, thumbnails, package caches and common build
// folders, and the default repository (so a backup never copies the repository into itself).
BackupSet homeFolder(const QString &home);
BackupSet homeFolder();
// QStandardPaths::DocumentsLocation.
BackupSet documents();

enum class OtclientCategory
{
    Settings = 0x1,   // config.otml, keybinds and hotkeys (*.otml at the top), settings/
    Characters = 0x2, // characterdata/
    Modules = 0x4,    // user add-ons: modules/, mods/
    Logs = 0x8,       // logs/ and *.log at the top; off by default
    Cache = 0x10,     // cache/: never backed up, whatever is chosen
};
Q_DECLARE_FLAGS(OtclientCategories, OtclientCategory)

struct OtclientCategoryInfo
{
    OtclientCategory category;
    QString key;         // stable name, stored in BackupSet::presetOptions ("settings", ...)
    QString label;       // translated, context "strata::presets"
    QString description; // translated: what it holds
    bool defaultOn = false;
    bool selectable = true; // false for Cache: shown, never chosen
};
// In display order, with translated texts (call after the translators are installed).
QList<OtclientCategoryInfo> otclientCategories();
OtclientCategories defaultOtclientCategories(); // Settings | Characters | Modules

// OTClient user folders below `home` that hold a config.otml: ~/.otclient (the original client)
// and ~/.local/share/otclient/.otclient (the Redemption fork); on Windows
// <home>/AppData/Roaming/otclient and its .otclient. Absolute, clean paths, in that order.
QStringList detectOtclientFolders(const QString &home);

// A set backing up `folder` (one of detectOtclientFolders()) with the chosen categories. The
// source is the whole folder, and what was not chosen is excluded by anchored patterns, so a
// category's files created later (a first mod, a new keybinds file) are included without
// editing the set; files no category names are kept too. cache/ is always excluded; Cache in
// `categories` is ignored. An empty choice is an error.
Result<BackupSet> otclient(const QString &folder,
                           OtclientCategories categories = defaultOtclientCategories());
// The categories a set built by otclient() was made with (from presetOptions).
OtclientCategories otclientCategoriesOf(const BackupSet &set);

// Translated warning for the UI: config.otml may keep remembered account names and passwords.
QString otclientCredentialsWarning();

// Whether an OTClient process runs (its /proc/<pid>/comm or the file name of /proc/<pid>/exe
// starts with "otclient", any case), so the UI can refuse to restore config.otml under a client
// that would overwrite it on exit. Linux only; false elsewhere. `procRoot` is for tests.
bool isOtclientRunning(const QString &procRoot = QStringLiteral("/proc"));

// Escapes glob characters so a path is matched literally by engine/Excludes.
QString escapeGlob(const QString &path);

} // namespace strata::presets

Q_DECLARE_OPERATORS_FOR_FLAGS(strata::presets::OtclientCategories)
