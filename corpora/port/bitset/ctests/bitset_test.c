/* The C project's own test: sets bits in a pattern and counts them. */
#include <stdint.h>
#include <stdio.h>

struct bitset {
    uint32_t words[4];
};

void bs_clear(struct bitset *b);
void bs_set(struct bitset *b, int bit);
int bs_test(const struct bitset *b, int bit);
int popcount32(uint32_t x);
int bs_count(const struct bitset *b);

static int failures;
#define CHECK(cond) do { if (!(cond)) { fprintf(stderr, "%s:%d: %s\n", __FILE__, __LINE__, #cond); failures++; } } while (0)

int main(void) {
    struct bitset b;
    bs_clear(&b);
    int set = 0;
    for (int bit = -3; bit < 140; bit += 5) {
        bs_set(&b, bit);
        if (bit >= 0 && bit < 128) set++;
    }
    CHECK(bs_count(&b) == set);
    CHECK(bs_test(&b, 2) == 1);
    CHECK(bs_test(&b, 3) == 0);
    uint32_t x = 0x9e3779b9u;
    for (int i = 0; i < 24; i++) {
        int c = popcount32(x);
        CHECK(c >= 0 && c <= 32);
        x = x * 1103515245u + 12345u;
    }
    return failures != 0;
}
