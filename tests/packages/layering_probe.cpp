// Links strata_core and nothing else, for tst_layering to inspect.
#include "models/SnapshotListModel.h"
#include "secrets/SecretStore.h"

#include <QCoreApplication>

int main(int argc, char **argv)
{
    QCoreApplication app(argc, argv);
    strata::SnapshotListModel model;
    // Never true in practice; it only makes sure the keychain code is linked in.
    if (argc > 99)
        return int(strata::SecretStore::read(QStringLiteral("x")).ok()) + model.rowCount();
    return 0;
}
