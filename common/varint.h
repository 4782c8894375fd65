// Variable-length integers (LEB128: seven bits a byte, low bits first, the
// top bit set on every byte but the last), for Sousuo's stored records: the
// document data (document.cc) and a long body's layout (stored_body.cc).
#ifndef SOUSUO_COMMON_VARINT_H_
#define SOUSUO_COMMON_VARINT_H_

#include <cstdint>
#include <string>
#include <string_view>

namespace sousuo {

// Appends `value` to `*out`.
inline void PutVarint(uint64_t value, std::string* out) {
  while (value >= 0x80) {
    out->push_back(static_cast<char>((value & 0x7F) | 0x80));
    value >>= 7;
  }
  out->push_back(static_cast<char>(value));
}

// Reads a varint from the front of `*in` into `*value` and removes it;
// false when `*in` ends inside one or it is longer than 64 bits allow.
inline bool GetVarint(std::string_view* in, uint64_t* value) {
  *value = 0;
  for (int shift = 0; shift < 64 && !in->empty(); shift += 7) {
    const unsigned char byte = static_cast<unsigned char>(in->front());
    in->remove_prefix(1);
    *value |= static_cast<uint64_t>(byte & 0x7F) << shift;
    if ((byte & 0x80) == 0)
      return true;
  }
  return false;
}

// GetVarint for a value that must fit 32 bits; false also when it does not.
inline bool GetVarint32(std::string_view* in, uint32_t* value) {
  uint64_t wide;
  if (!GetVarint(in, &wide) || wide > UINT32_MAX)
    return false;
  *value = static_cast<uint32_t>(wide);
  return true;
}

}  // namespace sousuo

#endif  // SOUSUO_COMMON_VARINT_H_
