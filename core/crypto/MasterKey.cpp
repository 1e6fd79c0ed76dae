#include "crypto/MasterKey.h"

#include "crypto/Crypto.h"

#include <QJsonDocument>
#include <QJsonObject>
#include <QJsonValue>
#include <QSysInfo>

#include <sodium.h>

#include <pwd.h>
#include <unistd.h>

#include <cmath>
#include <cstring>

namespace strata {

namespace {

constexpr int KeyFileVersion = 1;
const auto KdfName = QLatin1String("argon2id");
constexpr std::size_t WrapKeySize = crypto_aead_xchacha20poly1305_ietf_KEYBYTES;
constexpr std::size_t WrapNonceSize = crypto_aead_xchacha20poly1305_ietf_NPUBBYTES;
constexpr std::size_t WrapTagSize = crypto_aead_xchacha20poly1305_ietf_ABYTES;
// Binds the sealed secret to its purpose, so it cannot be mistaken for other sealed data.
constexpr char WrapAssociated[] = "strata key file v1";

static_assert(crypto_pwhash_SALTBYTES == 16);

bool ensureSodium()
{
    // sodium_init() is thread-safe and idempotent; the static makes later calls free.
    static const bool ok = sodium_init() >= 0;
    return ok;
}

// Key material in a buffer that is wiped when it goes out of scope.
class SecretBytes final
{
public:
    explicit SecretBytes(std::size_t n) : m_bytes(qsizetype(n), '\0') {}
    explicit SecretBytes(QByteArray bytes) : m_bytes(std::move(bytes)) {}
    ~SecretBytes() { sodium_memzero(m_bytes.data(), std::size_t(m_bytes.size())); }
    SecretBytes(const SecretBytes &) = delete;
    SecretBytes &operator=(const SecretBytes &) = delete;

    unsigned char *data() { return reinterpret_cast<unsigned char *>(m_bytes.data()); }
    std::size_t size() const { return std::size_t(m_bytes.size()); }
    const QByteArray &bytes() const { return m_bytes; }

private:
    QByteArray m_bytes;
};

// The password as the KDF sees it. NFC normalisation makes a password typed on a system
// that composes accents differently open the same key file.
QByteArray passwordBytes(const QString &password)
{
    return password.normalized(QString::NormalizationForm_C).toUtf8();
}

QString currentUser()
{
    QString user = qEnvironmentVariable("USER");
    if (user.isEmpty())
        user = qEnvironmentVariable("LOGNAME");
    if (user.isEmpty()) {
        char buf[4096];
        passwd pw{};
        passwd *found = nullptr;
        if (getpwuid_r(getuid(), &pw, buf, sizeof buf, &found) == 0 && found)
            user = QString::fromLocal8Bit(found->pw_name);
    }
    return user;
}

Status checkKdf(const KdfParams &kdf, ErrorCode code)
{
    if (kdf.opsLimit < KdfParams::MinOpsLimit || kdf.opsLimit > KdfParams::MaxOpsLimit)
        return Error{code, QStringLiteral("Argon2id passes %1 out of range (%2 to %3)")
                               .arg(kdf.opsLimit)
                               .arg(KdfParams::MinOpsLimit)
                               .arg(KdfParams::MaxOpsLimit)};
    if (kdf.memLimit < KdfParams::MinMemLimit || kdf.memLimit > KdfParams::MaxMemLimit)
        return Error{code, QStringLiteral("Argon2id memory %1 bytes out of range (%2 bytes to %3 GiB)")
                               .arg(kdf.memLimit)
                               .arg(KdfParams::MinMemLimit)
                               .arg(KdfParams::MaxMemLimit >> 30)};
    if (kdf.memLimit * kdf.opsLimit > KdfParams::MaxWork)
        return Error{code, QStringLiteral("Argon2id asks for %1 MiB x %2 passes, more work than the %3 GiB x "
                                          "passes accepted")
                               .arg(kdf.memLimit >> 20)
                               .arg(kdf.opsLimit)
                               .arg(KdfParams::MaxWork >> 30)};
    return {};
}

Status deriveKey(SecretBytes &out, const QString &password, const QByteArray &salt, const KdfParams &kdf)
{
    if (!ensureSodium())
        return Error{ErrorCode::Internal, QStringLiteral("libsodium failed to initialise")};
    QByteArray pw = passwordBytes(password);
    const int rc = crypto_pwhash(out.data(), out.size(), pw.constData(), std::size_t(pw.size()),
                                 reinterpret_cast<const unsigned char *>(salt.constData()), kdf.opsLimit,
                                 std::size_t(kdf.memLimit), crypto_pwhash_ALG_ARGON2ID13);
    sodium_memzero(pw.data(), std::size_t(pw.size()));
    if (rc != 0)
        return Error{ErrorCode::Internal,
                     QStringLiteral("not enough memory to derive the key from the password (%1 MiB needed)")
                         .arg(kdf.memLimit >> 20)};
    return {};
}

Result<quint64> readCount(const QJsonObject &o, const char *field)
{
    const QJsonValue v = o.value(QLatin1String(field));
    const double d = v.toDouble(-1);
    // Doubles represent every integer up to 2^53, well past any accepted bound.
    if (!v.isDouble() || d < 0 || d > 9.0e15 || std::floor(d) != d)
        return Error::corrupt(
            QStringLiteral("key file: field \"%1\" is missing or not a count").arg(QLatin1String(field)));
    return quint64(d);
}

Result<QByteArray> readBase64(const QJsonObject &o, const char *field)
{
    const QJsonValue v = o.value(QLatin1String(field));
    auto decoded =
        QByteArray::fromBase64Encoding(v.toString().toLatin1(), QByteArray::AbortOnBase64DecodingErrors);
    if (!v.isString() || !decoded)
        return Error::corrupt(
            QStringLiteral("key file: field \"%1\" is missing or not base64").arg(QLatin1String(field)));
    return std::move(*decoded);
}

struct ParsedKeyFile
{
    KeyFileInfo info;
    QByteArray salt;
    QByteArray sealed; // nonce | ciphertext | tag
};

Result<ParsedKeyFile> parseKeyFile(const QByteArray &keyFile)
{
    QJsonParseError err{};
    const QJsonDocument doc = QJsonDocument::fromJson(keyFile, &err);
    if (err.error != QJsonParseError::NoError || !doc.isObject())
        return Error::corrupt(QStringLiteral("key file is not valid JSON: %1").arg(err.errorString()));
    const QJsonObject o = doc.object();

    const QJsonValue version = o.value(QLatin1String("version"));
    if (!version.isDouble())
        return Error::corrupt(QStringLiteral("key file has no version"));
    if (version.toDouble() != KeyFileVersion)
        return Error{ErrorCode::Unsupported,
                     QStringLiteral("key file version %1 is not supported (this build "
                                    "reads version %2)")
                         .arg(version.toDouble())
                         .arg(KeyFileVersion)};
    const QString kdf = o.value(QLatin1String("kdf")).toString();
    if (kdf != KdfName)
        return Error{ErrorCode::Unsupported,
                     QStringLiteral("key file uses the unknown key derivation \"%1\"").arg(kdf)};

    ParsedKeyFile p;
    auto ops = readCount(o, "ops");
    STRATA_TRY(ops);
    auto mem = readCount(o, "mem");
    STRATA_TRY(mem);
    p.info.kdf.opsLimit = *ops;
    p.info.kdf.memLimit = *mem;
    STRATA_TRY(checkKdf(p.info.kdf, ErrorCode::Corrupt));

    auto salt = readBase64(o, "salt");
    STRATA_TRY(salt);
    if (salt->size() != crypto_pwhash_SALTBYTES)
        return Error::corrupt(QStringLiteral("key file salt has %1 bytes instead of %2")
                                  .arg(salt->size())
                                  .arg(crypto_pwhash_SALTBYTES));
    p.salt = std::move(*salt);

    auto data = readBase64(o, "data");
    STRATA_TRY(data);
    if (std::size_t(data->size()) < WrapNonceSize + WrapTagSize)
        return Error::corrupt(QStringLiteral("key file data is too short (%1 bytes)").arg(data->size()));
    p.sealed = std::move(*data);

    p.info.host = o.value(QLatin1String("host")).toString();
    p.info.user = o.value(QLatin1String("user")).toString();
    p.info.created = QDateTime::fromString(o.value(QLatin1String("created")).toString(), Qt::ISODateWithMs);
    return p;
}

} // namespace

MasterKey MasterKey::generate()
{
    MasterKey key;
    key.encryptionKey = crypto::randomBytes(32);
    key.idKey = crypto::randomBytes(32);
    const QByteArray seed = crypto::randomBytes(sizeof key.chunkerSeed);
    std::memcpy(&key.chunkerSeed, seed.constData(), sizeof key.chunkerSeed);
    return key;
}

Result<QByteArray> wrapMasterKey(const MasterKey &key, const QString &password, const KdfParams &kdf)
{
    if (!key.isValid())
        return Error::invalid(QStringLiteral("cannot wrap an incomplete master key"));
    STRATA_TRY(checkKdf(kdf, ErrorCode::InvalidArgument));
    if (!ensureSodium())
        return Error{ErrorCode::Internal, QStringLiteral("libsodium failed to initialise")};

    QByteArray salt(crypto_pwhash_SALTBYTES, Qt::Uninitialized);
    randombytes_buf(salt.data(), std::size_t(salt.size()));
    SecretBytes wrapKey(WrapKeySize);
    STRATA_TRY(deriveKey(wrapKey, password, salt, kdf));

    SecretBytes secret(serializeKeyFileSecret(key));
    QByteArray sealed(qsizetype(WrapNonceSize + secret.size() + WrapTagSize), Qt::Uninitialized);
    auto *nonce = reinterpret_cast<unsigned char *>(sealed.data());
    randombytes_buf(nonce, WrapNonceSize);
    unsigned long long sealedLen = 0;
    crypto_aead_xchacha20poly1305_ietf_encrypt(nonce + WrapNonceSize, &sealedLen, secret.data(),
                                               secret.size(),
                                               reinterpret_cast<const unsigned char *>(WrapAssociated),
                                               sizeof WrapAssociated - 1, nullptr, nonce, wrapKey.data());
    Q_ASSERT(sealedLen == secret.size() + WrapTagSize);

    QJsonObject o;
    o.insert(QLatin1String("version"), KeyFileVersion);
    o.insert(QLatin1String("kdf"), KdfName);
    o.insert(QLatin1String("ops"), double(kdf.opsLimit));
    o.insert(QLatin1String("mem"), double(kdf.memLimit));
    o.insert(QLatin1String("salt"), QString::fromLatin1(salt.toBase64()));
    o.insert(QLatin1String("host"), QSysInfo::machineHostName());
    o.insert(QLatin1String("user"), currentUser());
    o.insert(QLatin1String("created"), QDateTime::currentDateTimeUtc().toString(Qt::ISODateWithMs));
    o.insert(QLatin1String("data"), QString::fromLatin1(sealed.toBase64()));
    return QJsonDocument(o).toJson(QJsonDocument::Indented);
}

Result<MasterKey> unwrapMasterKey(const QByteArray &keyFile, const QString &password)
{
    auto parsed = parseKeyFile(keyFile);
    STRATA_TRY(parsed);
    SecretBytes wrapKey(WrapKeySize);
    STRATA_TRY(deriveKey(wrapKey, password, parsed->salt, parsed->info.kdf));

    const auto *nonce = reinterpret_cast<const unsigned char *>(parsed->sealed.constData());
    const std::size_t cipherLen = std::size_t(parsed->sealed.size()) - WrapNonceSize;
    SecretBytes secret(cipherLen - WrapTagSize);
    unsigned long long secretLen = 0;
    if (crypto_aead_xchacha20poly1305_ietf_decrypt(secret.data(), &secretLen, nullptr, nonce + WrapNonceSize,
                                                   cipherLen,
                                                   reinterpret_cast<const unsigned char *>(WrapAssociated),
                                                   sizeof WrapAssociated - 1, nonce, wrapKey.data()) != 0)
        return Error{ErrorCode::WrongPassword, QStringLiteral("wrong password")};
    return parseKeyFileSecret(secret.bytes());
}

QByteArray serializeKeyFileSecret(const MasterKey &key)
{
    QJsonObject o;
    o.insert(QLatin1String("encryptionKey"), QString::fromLatin1(key.encryptionKey.toBase64()));
    o.insert(QLatin1String("idKey"), QString::fromLatin1(key.idKey.toBase64()));
    // As a string: JSON numbers are doubles and would lose bits of a 64-bit seed.
    o.insert(QLatin1String("chunkerSeed"), QString::number(key.chunkerSeed));
    return QJsonDocument(o).toJson(QJsonDocument::Compact);
}

Result<MasterKey> parseKeyFileSecret(const QByteArray &secret)
{
    const auto damaged = [] {
        return Error::corrupt(QStringLiteral("key file opened but the master key inside is damaged"));
    };
    const QJsonDocument doc = QJsonDocument::fromJson(secret);
    if (!doc.isObject())
        return damaged();
    const QJsonObject o = doc.object();
    MasterKey key;
    auto enc = readBase64(o, "encryptionKey");
    auto id = readBase64(o, "idKey");
    bool seedOk = false;
    key.chunkerSeed = o.value(QLatin1String("chunkerSeed")).toString().toULongLong(&seedOk);
    if (!enc || !id || !seedOk)
        return damaged();
    key.encryptionKey = std::move(*enc);
    key.idKey = std::move(*id);
    if (!key.isValid())
        return damaged();
    return key;
}

Result<KeyFileInfo> readKeyFileInfo(const QByteArray &keyFile)
{
    auto parsed = parseKeyFile(keyFile);
    STRATA_TRY(parsed);
    return parsed->info;
}

} // namespace strata
