/* The C project's own test: encodes every prefix of a text and checks the decoding table. */
#include <stddef.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

size_t b64_encoded_len(size_t n);
int b64_value(int c);
char *b64_encode(const uint8_t *in, size_t n);

static int failures;
#define CHECK(cond) do { if (!(cond)) { fprintf(stderr, "%s:%d: %s\n", __FILE__, __LINE__, #cond); failures++; } } while (0)

int main(void) {
    const char *text = "Many hands make light work.";
    for (size_t n = 0; n <= strlen(text); n++) {
        char *e = b64_encode((const uint8_t *) text, n);
        CHECK(strlen(e) == b64_encoded_len(n));
        for (size_t i = 0; e[i]; i++) {
            CHECK(e[i] == '=' || b64_value(e[i]) >= 0);
        }
        free(e);
    }
    char *e = b64_encode((const uint8_t *) "Man", 3);
    CHECK(strcmp(e, "TWFu") == 0);
    free(e);
    for (int c = 0; c < 256; c += 7) {
        CHECK(b64_value(c) >= -1 && b64_value(c) < 64);
    }
    return failures != 0;
}
