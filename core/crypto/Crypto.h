// Cryptographic primitives of the repository format: AES-256-GCM sealing of every blob and
// metadata file, keyed blob ids (HMAC-SHA256, so equal content dedups without fingerprinting
// it), plain SHA-256 for content-addressed file names, and secure random bytes.
// All functions are thread-safe.
#pragma once

#include "crypto/BlobId.h"
#include "util/Result.h"

#include <QByteArray>
#include <QByteArrayView>

namespace strata::crypto {

constexpr int KeySize = 32;
constexpr int NonceSize = 12;
constexpr int TagSize = 16;
constexpr int SealOverhead = NonceSize + TagSize;

QByteArray randomBytes(int n);

// SHA-256 of data (file names of packs, index and snapshot files).
BlobId sha256(QByteArrayView data);

// HMAC-SHA256 of data under key: the id of a blob.
BlobId keyedId(QByteArrayView key, QByteArrayView data);

// AES-256-GCM with a random 96-bit nonce. Output: nonce | ciphertext | tag.
// `associated` is authenticated but not stored (binds a blob to its id and type).
QByteArray seal(QByteArrayView key, QByteArrayView plain, QByteArrayView associated = {});

// Reverses seal(). A wrong key, a flipped bit or truncation gives ErrorCode::Corrupt.
Result<QByteArray> open(QByteArrayView key, QByteArrayView sealed, QByteArrayView associated = {});

// Whether open() would succeed, without keeping the plaintext: the check of a sealed blob that
// is moved as it is. Corrupt when it fails, as open() gives.
Status authenticate(QByteArrayView key, QByteArrayView sealed, QByteArrayView associated = {});

} // namespace strata::crypto
