// minisign's key and signature files (https://jedisct1.github.io/minisign/, "Signature format"),
// so channels are signed and checked with Debian's `minisign` as well as with Qiao, and a
// browser can check them with WebCrypto's Ed25519. All cryptography is libsodium's:
// crypto_sign_* (Ed25519), crypto_generichash (BLAKE2b, for key checksums and "ED" prehashing),
// crypto_pwhash_scryptsalsa208sha256 (encrypted secret keys), sodium_base642bin/bin2base64.
//
//   public key   untrusted comment: ...\n base64("Ed" || key id (8) || Ed25519 public key (32))
//   secret key   untrusted comment: ...\n base64("Ed" || kdf "Sc" or "\0\0" || "B2" || salt (32)
//                || opslimit (8, LE) || memlimit (8, LE) || [key id || secret key (64) ||
//                BLAKE2b-256 checksum], the bracket XOR-ed with scrypt's output when kdf is "Sc")
//   signature    untrusted comment: ...\n base64(alg || key id || Ed25519 signature)\n
//                trusted comment: ...\n base64(Ed25519 signature of (signature || trusted comment))
//
// alg "Ed" (legacy) signs the file itself; "ED" signs its BLAKE2b-512 hash. Qiao signs "Ed"
// (WebCrypto can verify it without BLAKE2b) and accepts both.
#pragma once

#include <array>
#include <cstdint>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

namespace qiao::channel {

using KeyId = std::array<uint8_t, 8>;

// As minisign prints it: 16 uppercase hex digits, the 8 bytes read as a little-endian number.
std::string KeyIdHex(const KeyId& id);

struct PublicKey {
  KeyId id{};
  std::array<uint8_t, 32> key{};
};

struct SecretKey {
  KeyId id{};
  std::array<uint8_t, 64> key{};  // libsodium's Ed25519 secret key (seed || public key)
  PublicKey Public() const;
};

// A public key file, or just its base64 line (what `minisign -P` takes). nullopt + `error`.
std::optional<PublicKey> ParsePublicKey(std::string_view text, std::string* error);
std::string FormatPublicKey(const PublicKey& key);  // the file minisign writes

// A secret key file. `password` is needed only for encrypted keys (minisign's default; -W makes
// an unencrypted one). A wrong password fails the key's checksum and says so.
std::optional<SecretKey> ParseSecretKey(std::string_view text, const std::string& password, std::string* error);
// An unencrypted secret key file (as `minisign -G -W` writes): for tests.
std::string FormatSecretKeyUnencrypted(const SecretKey& key);
SecretKey GenerateKey();

struct Signature {
  bool prehashed = false;  // "ED": the signature covers BLAKE2b-512(file)
  KeyId key_id{};
  std::array<uint8_t, 64> signature{};
  std::string trusted_comment;
  std::array<uint8_t, 64> global_signature{};
};

std::optional<Signature> ParseSignature(std::string_view text, std::string* error);

// A legacy ("Ed") signature file of `message`, which `minisign -V` accepts.
std::string Sign(std::string_view message, const SecretKey& key, std::string_view trusted_comment);

// Checks `sig` over `message` with the key of `keys` whose id it names. False + `error` in words
// an operator can act on ("signed by key X; this kiosk trusts A, B").
bool Verify(std::string_view message, const Signature& sig, const std::vector<PublicKey>& keys,
            std::string* error);

}  // namespace qiao::channel
