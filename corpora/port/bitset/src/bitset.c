#include <stdint.h>

#define WORDS 4

struct bitset {
    uint32_t words[WORDS];
};

void bs_clear(struct bitset *b) {
    for (int i = 0; i < WORDS; i++) {
        b->words[i] = 0;
    }
}

void bs_set(struct bitset *b, int bit) {
    if (bit < 0 || bit >= WORDS * 32) {
        return;
    }
    b->words[bit / 32] |= 1u << (bit % 32);
}

int bs_test(const struct bitset *b, int bit) {
    if (bit < 0 || bit >= WORDS * 32) {
        return 0;
    }
    return (b->words[bit / 32] >> (bit % 32)) & 1u;
}

int popcount32(uint32_t x) {
    int c = 0;
    while (x != 0) {
        x &= x - 1;
        c++;
    }
    return c;
}

int bs_count(const struct bitset *b) {
    int total = 0;
    for (int i = 0; i < WORDS; i++) {
        total += popcount32(b->words[i]);
    }
    return total;
}
