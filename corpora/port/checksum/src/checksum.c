#include <stddef.h>
#include <stdint.h>

#define MOD_ADLER 65521u

uint32_t adler32(const uint8_t *data, size_t len) {
    uint32_t a = 1, b = 0;
    for (size_t i = 0; i < len; i++) {
        a = (a + data[i]) % MOD_ADLER;
        b = (b + a) % MOD_ADLER;
    }
    return (b << 16) | a;
}

uint8_t xor8(const uint8_t *data, size_t len) {
    uint8_t x = 0;
    for (size_t i = 0; i < len; i++) {
        x ^= data[i];
    }
    return x;
}

uint16_t fletcher16(const uint8_t *data, size_t len) {
    uint16_t s1 = 0, s2 = 0;
    for (size_t i = 0; i < len; i++) {
        s1 = (s1 + data[i]) % 255;
        s2 = (s2 + s1) % 255;
    }
    return (uint16_t) ((s2 << 8) | s1);
}
