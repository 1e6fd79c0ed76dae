// The tests' side of tests/servers: reading the env file a server's CTest fixture wrote
// (STRATA_TEST_S3_ENV, STRATA_TEST_SFTP_ENV, STRATA_TEST_WEBDAV_ENV; tests/servers/README.md).
// QtCore only.
#pragma once

#include <QHash>
#include <QString>

namespace strata::test {

// Reads the env file whose path is in the environment variable envVarName: its KEY=VALUE
// lines, blank lines and # comments skipped, values taken as written (the scripts never quote).
// Returns an empty hash when the variable is unset or empty (*why then says how to run the
// test with its server, a message for QSKIP), or when the file cannot be read or holds a line
// that is not KEY=VALUE (*why names the file and the line; the fixture that should have written
// it failed, so that is worth a QFAIL). why may be null. Safe from any thread.
[[nodiscard]] QHash<QString, QString> readServerEnv(const QString &envVarName, QString *why = nullptr);

} // namespace strata::test
