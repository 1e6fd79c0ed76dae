// The JSON shapes strata-cli prints for repository objects. Field names are camelCase and
// part of the scripting contract: add fields freely, never rename or remove one.
#pragma once

#include "repo/Repository.h"

#include <QJsonObject>

namespace strata::cli {

QJsonObject statsJson(const SnapshotStats &stats);
QJsonObject snapshotJson(const Snapshot &snapshot);
QJsonObject keyJson(const KeyEntry &key);
QJsonObject nodeJson(const QString &path, const Node &node);

} // namespace strata::cli
