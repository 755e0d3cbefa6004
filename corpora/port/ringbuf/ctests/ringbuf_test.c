/* The C project's own test: pushes past the capacity, pops, and wraps around. */
#include <stddef.h>
#include <stdint.h>
#include <stdio.h>

typedef struct ring {
    uint8_t buf[8];
    size_t head;
    size_t count;
} ring_t;

void rb_init(ring_t *r);
int rb_push(ring_t *r, uint8_t v);
int rb_pop(ring_t *r, uint8_t *out);
size_t rb_len(const ring_t *r);

static int failures;
#define CHECK(cond) do { if (!(cond)) { fprintf(stderr, "%s:%d: %s\n", __FILE__, __LINE__, #cond); failures++; } } while (0)

int main(void) {
    ring_t r;
    rb_init(&r);
    for (int i = 0; i < 10; i++) {
        CHECK(rb_push(&r, (uint8_t) (i * 30)) == (i < 8));
    }
    CHECK(rb_len(&r) == 8);
    uint8_t v = 0;
    for (int i = 0; i < 5; i++) {
        CHECK(rb_pop(&r, &v) == 1 && v == (uint8_t) (i * 30));
    }
    for (int i = 0; i < 5; i++) {
        CHECK(rb_push(&r, (uint8_t) (200 + i)) == 1);
    }
    CHECK(rb_len(&r) == 8);
    return failures != 0;
}
