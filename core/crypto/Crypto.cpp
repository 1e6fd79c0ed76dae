#include "crypto/Crypto.h"

#include <QtGlobal>

#include <openssl/core_names.h>
#include <openssl/crypto.h>
#include <openssl/evp.h>
#include <openssl/params.h>
#include <openssl/rand.h>

#include <algorithm>
#include <array>
#include <cstring>

namespace strata::crypto {

namespace {

// Fetched once: with OpenSSL 3 an implicit fetch per call (EVP_sha256() etc.) costs more than
// hashing a small tree blob. The algorithms live as long as the process.
struct Algorithms
{
    // First, before anything else of OpenSSL runs: no cleanup at exit. OpenSSL's atexit
    // handler frees its state while threads may still use it or are still exiting (the
    // thread pool's threads end during ~QCoreApplication, after QThread::wait() returned),
    // and it deletes the key whose destructor frees each thread's state, so a thread that
    // had not got that far lost its error queue and random generator; LeakSanitizer reported
    // it in a third of the runs of tst_hostiletrees and one in eight of strata-cli backup.
    // The process ends right after anyway.
    bool initialised = OPENSSL_init_crypto(OPENSSL_INIT_NO_ATEXIT, nullptr) == 1;
    EVP_MD *sha256 = EVP_MD_fetch(nullptr, "SHA256", nullptr);
    EVP_MAC *hmac = EVP_MAC_fetch(nullptr, "HMAC", nullptr);
    EVP_CIPHER *aesGcm = EVP_CIPHER_fetch(nullptr, "AES-256-GCM", nullptr);

    Algorithms()
    {
        if (!initialised || !sha256 || !hmac || !aesGcm)
            qFatal("OpenSSL lacks SHA-256, HMAC or AES-256-GCM: cannot read or write repositories");
    }
};

const Algorithms &algorithms()
{
    static const Algorithms algs;
    return algs;
}

// Contexts are reused per thread: allocating them per blob shows up in profiles, and a
// context must never be shared between threads.
struct ThreadContexts
{
    EVP_MD_CTX *digest = nullptr;
    EVP_MAC_CTX *mac = nullptr;
    QByteArray macKey; // the key `mac` holds, so a repeated key skips re-keying
    EVP_CIPHER_CTX *enc = nullptr;
    QByteArray encKey; // the key schedule `enc` holds
    EVP_CIPHER_CTX *dec = nullptr;
    QByteArray decKey;

    ThreadContexts() = default;
    ThreadContexts(const ThreadContexts &) = delete;
    ThreadContexts &operator=(const ThreadContexts &) = delete;
    ~ThreadContexts()
    {
        EVP_MD_CTX_free(digest);
        EVP_MAC_CTX_free(mac);
        EVP_CIPHER_CTX_free(enc);
        EVP_CIPHER_CTX_free(dec);
        // Copies of keys do not outlive the thread in freed memory.
        for (QByteArray *key : {&macKey, &encKey, &decKey})
            key->fill('\0');
    }
};

ThreadContexts &contexts()
{
    thread_local ThreadContexts ctx;
    return ctx;
}

const unsigned char *bytes(QByteArrayView v)
{
    return reinterpret_cast<const unsigned char *>(v.data());
}

// EVP_*Update take int lengths; feed larger inputs in pieces.
constexpr qsizetype MaxPiece = 1 << 30;

[[noreturn]] void opensslFailure(const char *what)
{
    // These calls only fail on allocation failure or a broken OpenSSL; there is no sane way
    // to continue writing a repository then.
    qFatal("OpenSSL failure in %s", what);
}

} // namespace

QByteArray randomBytes(int n)
{
    (void)algorithms(); // OpenSSL is initialised there
    QByteArray out(std::max(n, 0), Qt::Uninitialized);
    if (n > 0 && RAND_bytes(reinterpret_cast<unsigned char *>(out.data()), n) != 1)
        opensslFailure("RAND_bytes"); // never hand out weak randomness instead
    return out;
}

BlobId sha256(QByteArrayView data)
{
    const Algorithms &algs = algorithms();
    ThreadContexts &tc = contexts();
    if (!tc.digest && !(tc.digest = EVP_MD_CTX_new()))
        opensslFailure("EVP_MD_CTX_new");
    unsigned char out[EVP_MAX_MD_SIZE];
    unsigned int outLen = 0;
    if (EVP_DigestInit_ex2(tc.digest, algs.sha256, nullptr) != 1 ||
        EVP_DigestUpdate(tc.digest, data.data(), std::size_t(data.size())) != 1 ||
        EVP_DigestFinal_ex(tc.digest, out, &outLen) != 1 || outLen != 32)
        opensslFailure("SHA-256");
    return BlobId::fromBytes(out);
}

BlobId keyedId(QByteArrayView key, QByteArrayView data)
{
    const Algorithms &algs = algorithms();
    ThreadContexts &tc = contexts();
    if (!tc.mac) {
        if (!(tc.mac = EVP_MAC_CTX_new(algs.hmac)))
            opensslFailure("EVP_MAC_CTX_new");
        char digestName[] = "SHA256";
        const OSSL_PARAM params[] = {
            OSSL_PARAM_construct_utf8_string(OSSL_MAC_PARAM_DIGEST, digestName, 0),
            OSSL_PARAM_construct_end(),
        };
        if (EVP_MAC_CTX_set_params(tc.mac, params) != 1)
            opensslFailure("HMAC-SHA256 setup");
    }
    // Passing no key re-initialises with the key the context already holds.
    const bool sameKey = !tc.macKey.isNull() && QByteArrayView(tc.macKey) == key;
    // An empty view may have a null pointer, which OpenSSL would take for "keep the old key".
    static const unsigned char noKey = 0;
    const unsigned char *keyBytes = key.isEmpty() ? &noKey : bytes(key);
    int rc = sameKey ? EVP_MAC_init(tc.mac, nullptr, 0, nullptr)
                     : EVP_MAC_init(tc.mac, keyBytes, std::size_t(key.size()), nullptr);
    if (rc != 1)
        opensslFailure("HMAC init");
    if (!sameKey)
        tc.macKey = key.toByteArray();
    unsigned char out[32];
    std::size_t outLen = 0;
    if (EVP_MAC_update(tc.mac, bytes(data), std::size_t(data.size())) != 1 ||
        EVP_MAC_final(tc.mac, out, &outLen, sizeof out) != 1 || outLen != 32) {
        tc.macKey.clear(); // the context state is unknown now
        opensslFailure("HMAC-SHA256");
    }
    return BlobId::fromBytes(out);
}

QByteArray seal(QByteArrayView key, QByteArrayView plain, QByteArrayView associated)
{
    if (key.size() != KeySize)
        qFatal("crypto::seal called with a %lld-byte key", static_cast<long long>(key.size()));
    const Algorithms &algs = algorithms();
    ThreadContexts &tc = contexts();
    if (!tc.enc) {
        if (!(tc.enc = EVP_CIPHER_CTX_new()) ||
            EVP_EncryptInit_ex2(tc.enc, algs.aesGcm, nullptr, nullptr, nullptr) != 1)
            opensslFailure("AES-GCM setup");
    }

    QByteArray out(NonceSize + plain.size() + TagSize, Qt::Uninitialized);
    auto *nonce = reinterpret_cast<unsigned char *>(out.data());
    if (RAND_bytes(nonce, NonceSize) != 1)
        opensslFailure("RAND_bytes");
    // With an unchanged key only the nonce is set: the key schedule and GHASH tables stay.
    const bool sameKey = QByteArrayView(tc.encKey) == key;
    if (EVP_EncryptInit_ex2(tc.enc, nullptr, sameKey ? nullptr : bytes(key), nonce, nullptr) != 1)
        opensslFailure("AES-GCM init");
    if (!sameKey)
        tc.encKey = key.toByteArray();

    int n = 0;
    for (qsizetype off = 0; off < associated.size(); off += MaxPiece) {
        const int len = int(std::min(MaxPiece, associated.size() - off));
        if (EVP_EncryptUpdate(tc.enc, nullptr, &n, bytes(associated) + off, len) != 1)
            opensslFailure("AES-GCM associated data");
    }
    unsigned char *dst = nonce + NonceSize;
    for (qsizetype off = 0; off < plain.size(); off += MaxPiece) {
        const int len = int(std::min(MaxPiece, plain.size() - off));
        if (EVP_EncryptUpdate(tc.enc, dst, &n, bytes(plain) + off, len) != 1)
            opensslFailure("AES-GCM encrypt");
        dst += n;
    }
    if (EVP_EncryptFinal_ex(tc.enc, dst, &n) != 1)
        opensslFailure("AES-GCM final");
    dst += n;
    if (EVP_CIPHER_CTX_ctrl(tc.enc, EVP_CTRL_GCM_GET_TAG, TagSize, dst) != 1)
        opensslFailure("AES-GCM tag");
    return out;
}

namespace {

// Checks the sizes and starts decrypting `sealed` on this thread's context: key, nonce,
// associated data and expected tag set. Returns the context, or the error to report.
Result<EVP_CIPHER_CTX *> beginOpen(QByteArrayView key, QByteArrayView sealed, QByteArrayView associated)
{
    if (key.size() != KeySize)
        return Error::invalid(
            QStringLiteral("decryption key has %1 bytes instead of %2").arg(key.size()).arg(KeySize));
    if (sealed.size() < SealOverhead)
        return Error::corrupt(QStringLiteral("encrypted data is too short (%1 bytes, at least %2 expected)")
                                  .arg(sealed.size())
                                  .arg(SealOverhead));
    const Algorithms &algs = algorithms();
    ThreadContexts &tc = contexts();
    if (!tc.dec) {
        if (!(tc.dec = EVP_CIPHER_CTX_new()) ||
            EVP_DecryptInit_ex2(tc.dec, algs.aesGcm, nullptr, nullptr, nullptr) != 1)
            opensslFailure("AES-GCM setup");
    }
    const unsigned char *nonce = bytes(sealed);
    const bool sameKey = QByteArrayView(tc.decKey) == key;
    if (EVP_DecryptInit_ex2(tc.dec, nullptr, sameKey ? nullptr : bytes(key), nonce, nullptr) != 1)
        opensslFailure("AES-GCM init");
    if (!sameKey)
        tc.decKey = key.toByteArray();
    int n = 0;
    for (qsizetype off = 0; off < associated.size(); off += MaxPiece) {
        const int len = int(std::min(MaxPiece, associated.size() - off));
        if (EVP_DecryptUpdate(tc.dec, nullptr, &n, bytes(associated) + off, len) != 1)
            opensslFailure("AES-GCM associated data");
    }
    // The tag is copied because the ctrl call takes a non-const pointer.
    unsigned char tag[TagSize];
    std::memcpy(tag, bytes(sealed) + sealed.size() - TagSize, TagSize);
    if (EVP_CIPHER_CTX_ctrl(tc.dec, EVP_CTRL_GCM_SET_TAG, TagSize, tag) != 1)
        opensslFailure("AES-GCM tag");
    return tc.dec;
}

Error authenticationFailed()
{
    return Error::corrupt(QStringLiteral("encrypted data failed authentication (wrong key, or the data "
                                         "was damaged or tampered with)"));
}

} // namespace

Result<QByteArray> open(QByteArrayView key, QByteArrayView sealed, QByteArrayView associated)
{
    auto ctx = beginOpen(key, sealed, associated);
    STRATA_TRY(ctx);
    const unsigned char *cipher = bytes(sealed) + NonceSize;
    const qsizetype cipherLen = sealed.size() - SealOverhead;
    QByteArray out(cipherLen, Qt::Uninitialized);
    auto *dst = reinterpret_cast<unsigned char *>(out.data());
    int n = 0;
    for (qsizetype off = 0; off < cipherLen; off += MaxPiece) {
        const int len = int(std::min(MaxPiece, cipherLen - off));
        if (EVP_DecryptUpdate(*ctx, dst, &n, cipher + off, len) != 1)
            opensslFailure("AES-GCM decrypt");
        dst += n;
    }
    if (EVP_DecryptFinal_ex(*ctx, dst, &n) != 1) {
        // Never hand out plaintext that failed authentication, not even partially.
        out.fill('\0');
        return authenticationFailed();
    }
    return out;
}

Status authenticate(QByteArrayView key, QByteArrayView sealed, QByteArrayView associated)
{
    auto ctx = beginOpen(key, sealed, associated);
    STRATA_TRY(ctx);
    const unsigned char *cipher = bytes(sealed) + NonceSize;
    const qsizetype cipherLen = sealed.size() - SealOverhead;
    // The plaintext goes through a small buffer and is wiped: only the verdict is wanted.
    constexpr int Scratch = 64 * 1024;
    thread_local std::array<unsigned char, Scratch + 16> scratch;
    int n = 0;
    for (qsizetype off = 0; off < cipherLen; off += Scratch) {
        const int len = int(std::min<qsizetype>(Scratch, cipherLen - off));
        if (EVP_DecryptUpdate(*ctx, scratch.data(), &n, cipher + off, len) != 1)
            opensslFailure("AES-GCM decrypt");
    }
    const bool ok = EVP_DecryptFinal_ex(*ctx, scratch.data(), &n) == 1;
    OPENSSL_cleanse(scratch.data(), scratch.size());
    if (!ok)
        return authenticationFailed();
    return {};
}

} // namespace strata::crypto
