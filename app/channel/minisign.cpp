#include "channel/minisign.h"

#include "channel/crypto.h"

#include <sodium.h>

#include <cstring>

namespace qiao::channel {
namespace {

constexpr std::string_view kUntrusted = "untrusted comment: ";
constexpr std::string_view kTrusted = "trusted comment: ";

std::vector<std::string_view> Lines(std::string_view text) {
  std::vector<std::string_view> lines;
  while (!text.empty()) {
    size_t end = text.find('\n');
    std::string_view line = text.substr(0, end);
    if (!line.empty() && line.back() == '\r') line.remove_suffix(1);
    lines.push_back(line);
    if (end == std::string_view::npos) break;
    text.remove_prefix(end + 1);
  }
  return lines;
}

bool FromBase64(std::string_view b64, std::vector<uint8_t>* out) {
  out->assign(b64.size(), 0);
  size_t len = 0;
  const char* end = nullptr;
  if (sodium_base642bin(out->data(), out->size(), b64.data(), b64.size(), nullptr, &len, &end,
                        sodium_base64_VARIANT_ORIGINAL) != 0 ||
      end != b64.data() + b64.size())
    return false;
  out->resize(len);
  return true;
}

std::string ToBase64(const uint8_t* bytes, size_t n) {
  std::string out(sodium_base64_ENCODED_LEN(n, sodium_base64_VARIANT_ORIGINAL), '\0');
  sodium_bin2base64(out.data(), out.size(), bytes, n, sodium_base64_VARIANT_ORIGINAL);
  out.resize(std::strlen(out.c_str()));
  return out;
}

// The base64 line of a key file: the line after the comment, or the text itself when it is one line.
std::string_view KeyLine(std::string_view text) {
  std::vector<std::string_view> lines = Lines(text);
  if (lines.size() >= 2 && lines[0].starts_with(kUntrusted)) return lines[1];
  if (!lines.empty()) return lines[0];
  return {};
}

// BLAKE2b-256 over "Ed" || key id || secret key: how minisign tells a wrong password.
std::array<uint8_t, 32> SecretKeyChecksum(const uint8_t alg[2], const KeyId& id, const uint8_t* sk) {
  std::array<uint8_t, 32> chk{};
  crypto_generichash_state st;
  crypto_generichash_init(&st, nullptr, 0, chk.size());
  crypto_generichash_update(&st, alg, 2);
  crypto_generichash_update(&st, id.data(), id.size());
  crypto_generichash_update(&st, sk, 64);
  crypto_generichash_final(&st, chk.data(), chk.size());
  return chk;
}

// Secret key file layout (bytes).
constexpr size_t kSkAlg = 0, kSkKdf = 2, kSkChkAlg = 4, kSkSalt = 6, kSkOps = 38, kSkMem = 46,
                 kSkKeynum = 54, kSkKeynumSize = 8 + 64 + 32, kSkSize = kSkKeynum + kSkKeynumSize;

uint64_t Le64(const uint8_t* p) {
  uint64_t v = 0;
  for (int i = 7; i >= 0; --i) v = (v << 8) | p[i];
  return v;
}

}  // namespace

std::string KeyIdHex(const KeyId& id) {
  static const char* digits = "0123456789ABCDEF";
  std::string s;
  for (int i = 7; i >= 0; --i) {
    s += digits[id[i] >> 4];
    s += digits[id[i] & 15];
  }
  return s;
}

PublicKey SecretKey::Public() const {
  PublicKey p;
  p.id = id;
  std::memcpy(p.key.data(), key.data() + 32, 32);  // libsodium keeps the public key in the second half
  return p;
}

std::optional<PublicKey> ParsePublicKey(std::string_view text, std::string* error) {
  EnsureSodium();
  std::vector<uint8_t> raw;
  if (!FromBase64(KeyLine(text), &raw) || raw.size() != 42) {
    *error = "not a minisign public key (expected a base64 line of 42 bytes)";
    return std::nullopt;
  }
  if (raw[0] != 'E' || raw[1] != 'd') {
    *error = "unsupported public key algorithm (only Ed25519, \"Ed\")";
    return std::nullopt;
  }
  PublicKey key;
  std::memcpy(key.id.data(), raw.data() + 2, 8);
  std::memcpy(key.key.data(), raw.data() + 10, 32);
  return key;
}

std::string FormatPublicKey(const PublicKey& key) {
  uint8_t raw[42] = {'E', 'd'};
  std::memcpy(raw + 2, key.id.data(), 8);
  std::memcpy(raw + 10, key.key.data(), 32);
  return "untrusted comment: minisign public key " + KeyIdHex(key.id) + "\n" + ToBase64(raw, sizeof raw) + "\n";
}

std::optional<SecretKey> ParseSecretKey(std::string_view text, const std::string& password, std::string* error) {
  EnsureSodium();
  std::vector<uint8_t> raw;
  if (!FromBase64(KeyLine(text), &raw) || raw.size() != kSkSize) {
    *error = "not a minisign secret key (expected a base64 line of " + std::to_string(kSkSize) + " bytes)";
    return std::nullopt;
  }
  if (std::memcmp(&raw[kSkAlg], "Ed", 2) != 0 || std::memcmp(&raw[kSkChkAlg], "B2", 2) != 0) {
    *error = "unsupported secret key algorithm (only Ed25519 with a BLAKE2b checksum)";
    return std::nullopt;
  }
  uint8_t* keynum = &raw[kSkKeynum];
  if (std::memcmp(&raw[kSkKdf], "Sc", 2) == 0) {
    if (password.empty()) {
      *error = "the secret key is encrypted: give its password (--password-file FILE)";
      return std::nullopt;
    }
    uint64_t ops = Le64(&raw[kSkOps]), mem = Le64(&raw[kSkMem]);
    // minisign's own keys use at most the "sensitive" limits (1 GiB); more is a broken file.
    if (ops > crypto_pwhash_scryptsalsa208sha256_OPSLIMIT_SENSITIVE * 4 ||
        mem > crypto_pwhash_scryptsalsa208sha256_MEMLIMIT_SENSITIVE * 2) {
      *error = "the secret key asks for unreasonable scrypt limits";
      return std::nullopt;
    }
    uint8_t stream[kSkKeynumSize];
    if (crypto_pwhash_scryptsalsa208sha256(stream, sizeof stream, password.data(), password.size(), &raw[kSkSalt],
                                           ops, mem) != 0) {
      *error = "cannot derive the key from the password (out of memory?)";
      return std::nullopt;
    }
    for (size_t i = 0; i < kSkKeynumSize; ++i) keynum[i] ^= stream[i];
    sodium_memzero(stream, sizeof stream);
  } else if (raw[kSkKdf] != 0 || raw[kSkKdf + 1] != 0) {
    *error = "unsupported secret key encryption (only scrypt, \"Sc\", or none)";
    return std::nullopt;
  }
  SecretKey key;
  std::memcpy(key.id.data(), keynum, 8);
  std::memcpy(key.key.data(), keynum + 8, 64);
  const bool encrypted = std::memcmp(&raw[kSkKdf], "Sc", 2) == 0;
  bool ok;
  if (!encrypted && sodium_is_zero(keynum + 72, 32)) {
    // `minisign -G -W` (0.11) leaves an unencrypted key's checksum empty; the key still proves
    // itself intact: its second half is the public key its first half (the seed) derives.
    std::array<uint8_t, 32> pk;
    std::array<uint8_t, 64> sk;
    crypto_sign_seed_keypair(pk.data(), sk.data(), key.key.data());
    ok = sodium_memcmp(sk.data(), key.key.data(), 64) == 0;
    sodium_memzero(sk.data(), sk.size());
  } else {
    std::array<uint8_t, 32> chk = SecretKeyChecksum(&raw[kSkAlg], key.id, key.key.data());
    ok = sodium_memcmp(chk.data(), keynum + 72, 32) == 0;
  }
  sodium_memzero(raw.data(), raw.size());
  if (!ok) {
    *error = encrypted ? "wrong password for the secret key (its checksum does not match)"
                       : "the secret key is damaged (its checksum does not match)";
    return std::nullopt;
  }
  return key;
}

std::string FormatSecretKeyUnencrypted(const SecretKey& key) {
  EnsureSodium();
  uint8_t raw[kSkSize] = {};
  std::memcpy(&raw[kSkAlg], "Ed", 2);
  std::memcpy(&raw[kSkChkAlg], "B2", 2);
  std::memcpy(&raw[kSkKeynum], key.id.data(), 8);
  std::memcpy(&raw[kSkKeynum + 8], key.key.data(), 64);
  std::array<uint8_t, 32> chk = SecretKeyChecksum(&raw[kSkAlg], key.id, key.key.data());
  std::memcpy(&raw[kSkKeynum + 72], chk.data(), 32);
  std::string out = "untrusted comment: minisign secret key (unencrypted)\n" + ToBase64(raw, sizeof raw) + "\n";
  sodium_memzero(raw, sizeof raw);
  return out;
}

SecretKey GenerateKey() {
  EnsureSodium();
  SecretKey key;
  std::array<uint8_t, 32> pk;
  crypto_sign_keypair(pk.data(), key.key.data());
  randombytes_buf(key.id.data(), key.id.size());
  return key;
}

std::optional<Signature> ParseSignature(std::string_view text, std::string* error) {
  EnsureSodium();
  std::vector<std::string_view> lines = Lines(text);
  if (lines.size() < 4 || !lines[0].starts_with(kUntrusted) || !lines[2].starts_with(kTrusted)) {
    *error = "not a minisign signature file (four lines: untrusted comment, signature, trusted comment, "
             "global signature)";
    return std::nullopt;
  }
  std::vector<uint8_t> sig, global;
  if (!FromBase64(lines[1], &sig) || sig.size() != 74) {
    *error = "the signature line is not valid (line 2)";
    return std::nullopt;
  }
  if (!FromBase64(lines[3], &global) || global.size() != 64) {
    *error = "the global signature line is not valid (line 4)";
    return std::nullopt;
  }
  Signature s;
  if (sig[0] == 'E' && sig[1] == 'd') {
    s.prehashed = false;
  } else if (sig[0] == 'E' && sig[1] == 'D') {
    s.prehashed = true;
  } else {
    *error = "unsupported signature algorithm (only Ed25519: \"Ed\" or \"ED\")";
    return std::nullopt;
  }
  std::memcpy(s.key_id.data(), sig.data() + 2, 8);
  std::memcpy(s.signature.data(), sig.data() + 10, 64);
  s.trusted_comment = std::string(lines[2].substr(kTrusted.size()));
  std::memcpy(s.global_signature.data(), global.data(), 64);
  return s;
}

std::string Sign(std::string_view message, const SecretKey& key, std::string_view trusted_comment) {
  EnsureSodium();
  uint8_t sig[74] = {'E', 'd'};
  std::memcpy(sig + 2, key.id.data(), 8);
  crypto_sign_detached(sig + 10, nullptr, reinterpret_cast<const unsigned char*>(message.data()), message.size(),
                       key.key.data());
  std::string signed_part(reinterpret_cast<const char*>(sig + 10), 64);
  signed_part += trusted_comment;
  uint8_t global[64];
  crypto_sign_detached(global, nullptr, reinterpret_cast<const unsigned char*>(signed_part.data()),
                       signed_part.size(), key.key.data());
  return "untrusted comment: signature from qiao-pack (minisign format), key " + KeyIdHex(key.id) + "\n" +
         ToBase64(sig, sizeof sig) + "\n" + std::string(kTrusted) + std::string(trusted_comment) + "\n" +
         ToBase64(global, sizeof global) + "\n";
}

bool Verify(std::string_view message, const Signature& sig, const std::vector<PublicKey>& keys, std::string* error) {
  EnsureSodium();
  const PublicKey* key = nullptr;
  for (const PublicKey& k : keys)
    if (k.id == sig.key_id) key = &k;
  if (!key) {
    std::string trusted;
    for (const PublicKey& k : keys) trusted += (trusted.empty() ? "" : ", ") + KeyIdHex(k.id);
    *error = "signed with key " + KeyIdHex(sig.key_id) + ", which is not a trusted key (trusted: " +
             (trusted.empty() ? "none" : trusted) + ")";
    return false;
  }
  std::array<uint8_t, 64> hash;
  const unsigned char* signed_bytes = reinterpret_cast<const unsigned char*>(message.data());
  size_t signed_size = message.size();
  if (sig.prehashed) {
    crypto_generichash(hash.data(), hash.size(), signed_bytes, signed_size, nullptr, 0);
    signed_bytes = hash.data();
    signed_size = hash.size();
  }
  if (crypto_sign_verify_detached(sig.signature.data(), signed_bytes, signed_size, key->key.data()) != 0) {
    *error = "the signature does not match the file (changed after signing, or signed by another key with the "
             "same id)";
    return false;
  }
  std::string global(reinterpret_cast<const char*>(sig.signature.data()), 64);
  global += sig.trusted_comment;
  if (crypto_sign_verify_detached(sig.global_signature.data(), reinterpret_cast<const unsigned char*>(global.data()),
                                  global.size(), key->key.data()) != 0) {
    *error = "the signature's trusted comment was changed after signing";
    return false;
  }
  return true;
}

}  // namespace qiao::channel
