// Key files: the clear-text part readKeyFileInfo reads before any key derivation (it bounds the
// Argon2id cost a file may ask for), and the sealed secret parseKeyFileSecret reads after the
// password opened it. The derivation itself is left out: it is meant to be slow.
#include "FuzzSupport.h"

#include "crypto/MasterKey.h"

using namespace strata;

extern "C" int LLVMFuzzerTestOneInput(const std::uint8_t *data, std::size_t size)
{
    const QByteArray bytes = fuzz::input(data, size);
    if (auto info = readKeyFileInfo(bytes)) {
        fuzz::check(info->kdf.opsLimit >= KdfParams::MinOpsLimit &&
                        info->kdf.opsLimit <= KdfParams::MaxOpsLimit &&
                        info->kdf.memLimit >= KdfParams::MinMemLimit &&
                        info->kdf.memLimit <= KdfParams::MaxMemLimit &&
                        info->kdf.memLimit * info->kdf.opsLimit <= KdfParams::MaxWork,
                    "an accepted key file asks for bounded work");
    }
    if (auto key = parseKeyFileSecret(bytes)) {
        fuzz::check(key->isValid(), "an accepted secret is a complete key");
        auto again = parseKeyFileSecret(serializeKeyFileSecret(*key));
        fuzz::check(again.ok() && again->encryptionKey == key->encryptionKey && again->idKey == key->idKey &&
                        again->chunkerSeed == key->chunkerSeed,
                    "a round trip keeps the key");
    }
    return 0;
}
