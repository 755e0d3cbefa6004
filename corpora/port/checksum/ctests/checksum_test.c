/* The C project's own test: checksums of a known text and of generated buffers. */
#include <stddef.h>
#include <stdint.h>
#include <stdio.h>
#include <string.h>

uint32_t adler32(const uint8_t *data, size_t len);
uint8_t xor8(const uint8_t *data, size_t len);
uint16_t fletcher16(const uint8_t *data, size_t len);

static int failures;
#define CHECK(cond) do { if (!(cond)) { fprintf(stderr, "%s:%d: %s\n", __FILE__, __LINE__, #cond); failures++; } } while (0)

int main(void) {
    const char *w = "Wikipedia";
    CHECK(adler32((const uint8_t *) w, strlen(w)) == 0x11E60398u);
    CHECK(fletcher16((const uint8_t *) "abcde", 5) == 0xC8F0);
    uint8_t buf[300];
    uint32_t seed = 7;
    for (size_t n = 0; n <= sizeof buf; n += 37) {
        for (size_t i = 0; i < n; i++) {
            seed = seed * 1664525u + 1013904223u;
            buf[i] = (uint8_t) (seed >> 24);
        }
        uint8_t x = xor8(buf, n);
        CHECK(xor8(buf, n) == x);
        CHECK(adler32(buf, n) != 0);
        (void) fletcher16(buf, n);
    }
    return failures != 0;
}
